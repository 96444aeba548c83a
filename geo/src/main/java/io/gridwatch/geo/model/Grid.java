package io.gridwatch.geo.model;

import io.gridwatch.geo.crs.Crs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable five-level grid: one district, its subdistricts, communities, sectors and cells,
 * each linked to its parent. Building one checks the structure (unique ids, known parents one
 * level up, exactly one district) and fails as a whole; geometry is checked by
 * {@code GridValidator}. Thread-safe.
 */
public final class Grid {

    private final Crs crs;
    private final List<GridUnit> units;
    private final Map<String, GridUnit> byId;
    private final Map<String, List<GridUnit>> children;
    private final Map<Level, List<GridUnit>> byLevel;
    private final Map<String, GridPath> cellPaths;

    private Grid(Crs crs, List<GridUnit> units, Map<String, GridUnit> byId) {
        this.crs = crs;
        this.units = List.copyOf(units);
        this.byId = Collections.unmodifiableMap(byId);
        Map<String, List<GridUnit>> kids = new HashMap<>();
        Map<Level, List<GridUnit>> levels = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            levels.put(level, new ArrayList<>());
        }
        for (GridUnit unit : units) {
            levels.get(unit.level()).add(unit);
            if (unit.parentId() != null) {
                kids.computeIfAbsent(unit.parentId(), k -> new ArrayList<>()).add(unit);
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        levels.replaceAll((k, v) -> List.copyOf(v));
        this.children = Collections.unmodifiableMap(kids);
        this.byLevel = Collections.unmodifiableMap(levels);
        Map<String, GridPath> paths = new LinkedHashMap<>();
        for (GridUnit cell : levels.get(Level.CELL)) {
            paths.put(cell.id(), pathOf(cell));
        }
        this.cellPaths = Collections.unmodifiableMap(paths);
    }

    /**
     * Links the units into a grid.
     *
     * @param units in file order; an error names the offending feature by its index in this list
     * @throws GridException when an id repeats, a parent is missing or at the wrong level, or
     *     there is not exactly one district
     */
    public static Grid of(Crs crs, List<GridUnit> units) {
        Map<String, GridUnit> byId = new HashMap<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            GridUnit unit = units.get(i);
            Integer previous = indexOf.putIfAbsent(unit.id(), i);
            if (previous != null) {
                throw GridException.atFeature(i, unit.id(), "duplicate id, first used by feature " + previous);
            }
            byId.put(unit.id(), unit);
        }
        int districts = 0;
        for (int i = 0; i < units.size(); i++) {
            GridUnit unit = units.get(i);
            checkParent(i, unit, byId);
            if (unit.level() == Level.DISTRICT) {
                districts++;
            }
        }
        if (districts != 1) {
            throw new GridException("a grid needs exactly one district, found " + districts);
        }
        return new Grid(crs, units, byId);
    }

    private static void checkParent(int index, GridUnit unit, Map<String, GridUnit> byId) {
        Optional<Level> expected = unit.level().parent();
        if (expected.isEmpty()) {
            if (unit.parentId() != null) {
                throw GridException.atFeature(index, unit.id(), "a district has no parent, found \"" + unit.parentId() + "\"");
            }
            return;
        }
        if (unit.parentId() == null) {
            throw GridException.atFeature(index, unit.id(), "a " + unit.level() + " needs a " + expected.get() + " parent");
        }
        GridUnit parent = byId.get(unit.parentId());
        if (parent == null) {
            throw GridException.atFeature(index, unit.id(), "parent \"" + unit.parentId() + "\" does not exist");
        }
        if (parent.level() != expected.get()) {
            throw GridException.atFeature(index, unit.id(), "parent \"" + parent.id() + "\" is a " + parent.level()
                    + ", a " + unit.level() + " needs a " + expected.get());
        }
    }

    private GridPath pathOf(GridUnit cell) {
        String[] ids = new String[Level.values().length];
        for (GridUnit u = cell; u != null; u = u.parentId() == null ? null : byId.get(u.parentId())) {
            ids[u.level().ordinal()] = u.id();
        }
        return new GridPath(ids[0], ids[1], ids[2], ids[3], ids[4]);
    }

    /** The coordinate system of every geometry in this grid. */
    public Crs crs() {
        return crs;
    }

    /** Every unit, in the order they were given. */
    public List<GridUnit> units() {
        return units;
    }

    public List<GridUnit> units(Level level) {
        return byLevel.get(level);
    }

    public GridUnit district() {
        return byLevel.get(Level.DISTRICT).get(0);
    }

    public Optional<GridUnit> unit(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The units directly below {@code id}, empty for a cell or an unknown id. */
    public List<GridUnit> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** The ids of the cells at or below {@code unitId} (just itself for a cell), empty for an unknown id. */
    public Set<String> cellsUnder(String unitId) {
        Set<String> cells = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(unitId));
        while (!pending.isEmpty()) {
            String id = pending.remove(pending.size() - 1);
            GridUnit unit = byId.get(id);
            if (unit != null && unit.level() == Level.CELL) {
                cells.add(id);
            }
            children(id).forEach(child -> pending.add(child.id()));
        }
        return cells;
    }

    /** The path from the district down to this cell, empty when {@code cellId} is not a cell. */
    public Optional<GridPath> path(String cellId) {
        return Optional.ofNullable(cellPaths.get(cellId));
    }
}
