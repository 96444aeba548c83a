package io.gridwatch.geo.validate;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that need no geometry: unique ids, a parent one level up for every unit but the
 * district, exactly one district, no empty level. It also links each unit to its parent, as far as
 * the ids allow, for the geometric checks. Stateless.
 */
final class StructureCheck {

    private StructureCheck() {
    }

    /**
     * The result of linking: for each feature the index of its parent feature, and whether it is the
     * first feature with its id (later ones are left out of the geometric checks, which need one
     * unit per id).
     *
     * @param parent the parent's feature index, or -1 when the unit has none or it could not be
     *     resolved to a unit one level up
     * @param primary whether the feature is the first to use its id
     */
    record Links(int[] parent, boolean[] primary) {
    }

    static Links run(List<GridUnit> units, List<Defect> out) {
        Map<String, List<Integer>> byId = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            byId.computeIfAbsent(units.get(i).id(), k -> new ArrayList<>()).add(i);
        }
        boolean[] primary = new boolean[units.size()];
        for (Map.Entry<String, List<Integer>> entry : byId.entrySet()) {
            List<Integer> indexes = entry.getValue();
            primary[indexes.get(0)] = true;
            if (indexes.size() > 1) {
                out.add(Defect.of(DefectKind.DUPLICATE_ID, List.of(entry.getKey()), indexes, "id \"" + entry.getKey()
                        + "\" is used by " + indexes.size() + " features: " + Words.list(indexes)));
            }
        }
        int[] parent = new int[units.size()];
        Arrays.fill(parent, -1);
        for (int i = 0; i < units.size(); i++) {
            parent[i] = linkParent(i, units, byId, out);
        }
        checkDistricts(units, out);
        checkLevels(units, out);
        return new Links(parent, primary);
    }

    /** The index of unit {@code i}'s parent, or -1 after reporting why there is none to use. */
    private static int linkParent(int i, List<GridUnit> units, Map<String, List<Integer>> byId, List<Defect> out) {
        GridUnit unit = units.get(i);
        Optional<Level> expected = unit.level().parent();
        String who = CheckContext.describe(unit, i);
        if (expected.isEmpty()) {
            if (unit.parentId() != null) {
                out.add(Defect.of(DefectKind.DISTRICT_WITH_PARENT, List.of(unit.id(), unit.parentId()), List.of(i),
                        who + " has parent \"" + unit.parentId() + "\"; a district has none"));
            }
            return -1;
        }
        if (unit.parentId() == null) {
            out.add(Defect.of(DefectKind.MISSING_PARENT, List.of(unit.id()), List.of(i),
                    who + " has no parent; a " + unit.level() + " needs a " + expected.get()));
            return -1;
        }
        List<Integer> candidates = byId.get(unit.parentId());
        if (candidates == null) {
            out.add(Defect.of(DefectKind.UNKNOWN_PARENT, List.of(unit.id(), unit.parentId()), List.of(i),
                    who + ": parent \"" + unit.parentId() + "\" does not exist"));
            return -1;
        }
        // with a duplicated parent id the first feature stands for it, as it does everywhere else
        int p = candidates.get(0);
        GridUnit parent = units.get(p);
        if (parent.level() != expected.get()) {
            out.add(Defect.of(DefectKind.WRONG_PARENT_LEVEL, List.of(unit.id(), parent.id()), List.of(i, p),
                    who + ": parent \"" + parent.id() + "\" is a " + parent.level() + ", a " + unit.level()
                            + " needs a " + expected.get()));
            return -1;
        }
        return p;
    }

    private static void checkDistricts(List<GridUnit> units, List<Defect> out) {
        List<String> ids = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).level() == Level.DISTRICT) {
                ids.add(units.get(i).id());
                indexes.add(i);
            }
        }
        if (ids.size() == 1) {
            return;
        }
        String found = ids.isEmpty() ? "found no district" : "found " + ids.size() + " districts ("
                + Words.list(ids) + ", features " + Words.list(indexes) + ")";
        out.add(Defect.of(DefectKind.DISTRICT_COUNT, ids, indexes, found + "; a grid needs exactly one"));
    }

    private static void checkLevels(List<GridUnit> units, List<Defect> out) {
        for (Level level : Level.values()) {
            // a missing district is already reported by checkDistricts
            if (level != Level.DISTRICT && units.stream().noneMatch(u -> u.level() == level)) {
                out.add(Defect.of(DefectKind.EMPTY_LEVEL, List.of(), List.of(),
                        "no " + Words.units(level, 0) + " in the file"));
            }
        }
    }
}
