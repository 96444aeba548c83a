package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Polygon;

/**
 * Names and orders the units built bottom-up. Siblings are numbered in geographic reading order
 * (north to south, then west to east, by centroid), so the numbering depends only on the
 * geometry. The result lists the district, then the subdistricts, communities, sectors and cells,
 * each level in id order. Stateless and thread-safe.
 */
final class HierarchyNamer {

    private HierarchyNamer() {
    }

    /**
     * @param layers the subdistricts, communities, sectors and cells, in that order
     * @param parents for the communities, sectors and cells (in that order), the index of each
     *     unit's parent in the layer above
     */
    static List<GridUnit> units(Polygon district, List<Layer> layers, List<int[]> parents) {
        List<GridUnit> units = new ArrayList<>();
        units.add(new GridUnit(UnitNames.DISTRICT_ID, Level.DISTRICT, null, UnitNames.DISTRICT_NAME, district));

        Layer subdistricts = layers.get(0);
        List<Integer> order = northToSouth(subdistricts, allIndices(subdistricts.size()));
        String[] ids = new String[subdistricts.size()];
        String[] names = new String[subdistricts.size()];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            UnitNames.Subdistrict s = UnitNames.subdistrict(k);
            ids[i] = s.code();
            names[i] = s.name();
            units.add(new GridUnit(ids[i], Level.SUBDISTRICT, UnitNames.DISTRICT_ID, names[i],
                    subdistricts.polygons().get(i)));
        }
        for (int l = 1; l < layers.size(); l++) {
            Level level = Level.values()[Level.SUBDISTRICT.ordinal() + l];
            Layer layer = layers.get(l);
            List<List<Integer>> children = childrenOf(parents.get(l - 1), layers.get(l - 1).size());
            List<Integer> childOrder = new ArrayList<>();
            String[] childIds = new String[layer.size()];
            String[] childNames = new String[layer.size()];
            for (int parent : order) {
                List<Integer> kids = northToSouth(layer, children.get(parent));
                for (int k = 0; k < kids.size(); k++) {
                    int i = kids.get(k);
                    childIds[i] = id(level, ids[parent], k);
                    childNames[i] = name(level, names[parent], k);
                    units.add(new GridUnit(childIds[i], level, ids[parent], childNames[i], layer.polygons().get(i)));
                    childOrder.add(i);
                }
            }
            order = childOrder;
            ids = childIds;
            names = childNames;
        }
        return units;
    }

    private static String id(Level level, String parentId, int index) {
        return switch (level) {
            case COMMUNITY -> UnitNames.communityId(parentId, index);
            case SECTOR -> UnitNames.sectorId(parentId, index);
            case CELL -> UnitNames.cellId(parentId, index);
            default -> throw new IllegalArgumentException(level.id());
        };
    }

    private static String name(Level level, String parentName, int index) {
        return switch (level) {
            case COMMUNITY -> UnitNames.communityName(parentName, index);
            case SECTOR -> UnitNames.sectorName(parentName, index);
            case CELL -> UnitNames.cellName(parentName, index);
            default -> throw new IllegalArgumentException(level.id());
        };
    }

    private static List<List<Integer>> childrenOf(int[] parentOf, int parentCount) {
        List<List<Integer>> children = new ArrayList<>();
        for (int p = 0; p < parentCount; p++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < parentOf.length; i++) {
            children.get(parentOf[i]).add(i);
        }
        return children;
    }

    private static List<Integer> allIndices(int size) {
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    private static List<Integer> northToSouth(Layer layer, List<Integer> indices) {
        AdjacencyGraph g = layer.graph();
        List<Integer> sorted = new ArrayList<>(indices);
        sorted.sort(Comparator.comparingDouble((Integer i) -> -g.y(i)).thenComparingDouble(g::x)
                .thenComparingInt(i -> i));
        return sorted;
    }
}
