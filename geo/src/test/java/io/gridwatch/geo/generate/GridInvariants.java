package io.gridwatch.geo.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Assertions every generated grid must pass, whatever its boundary and counts. */
final class GridInvariants {

    private GridInvariants() {
    }

    static void assertCounts(Grid grid, GridCounts counts) {
        for (Level level : Level.values()) {
            assertThat(grid.units(level)).as(level.id()).hasSize(counts.at(level));
        }
    }

    static void assertEveryUnitIsOneValidPolygon(Grid grid) {
        for (GridUnit unit : grid.units()) {
            // as an Object: a JTS Geometry is a raw Comparable, which AssertJ would take unchecked
            assertThat((Object) unit.geometry()).as(unit.id()).isInstanceOf(Polygon.class);
            assertThat(unit.geometry().isValid()).as(unit.id()).isTrue();
            assertThat(unit.geometry().getArea()).as(unit.id()).isPositive();
        }
    }

    /** Same area as the children together, and no area in one but not the other. */
    static void assertEveryParentIsTheUnionOfItsChildren(Grid grid) {
        for (GridUnit parent : grid.units()) {
            if (parent.level() == Level.CELL) {
                continue;
            }
            List<Geometry> children = grid.children(parent.id()).stream().map(GridUnit::geometry).toList();
            double parentArea = parent.geometry().getArea();

            double childArea = children.stream().mapToDouble(Geometry::getArea).sum();
            Geometry union = UnaryUnionOp.union(children);

            assertThat(children).as(parent.id()).isNotEmpty();
            assertThat(childArea).as(parent.id()).isCloseTo(parentArea, within(parentArea * 1e-6));
            assertThat(parent.geometry().symDifference(union).getArea()).as(parent.id())
                    .isLessThan(parentArea * 1e-9);
        }
    }

    /**
     * Every segment of a cell ring is used by exactly one other cell or lies on the district's
     * boundary: neighbours share edges with identical coordinates, so no gap or overlap is possible.
     */
    static void assertCellsShareEdgesVertexForVertex(Grid grid) {
        Map<List<Double>, Integer> uses = new HashMap<>();
        for (GridUnit cell : grid.units(Level.CELL)) {
            forEachSegment((Polygon) cell.geometry(), key -> uses.merge(key, 1, Integer::sum));
        }
        Map<List<Double>, Integer> onDistrictBoundary = new HashMap<>();
        forEachSegment((Polygon) grid.district().geometry(), key -> onDistrictBoundary.merge(key, 1, Integer::sum));

        uses.forEach((segment, count) -> {
            assertThat(count).as("uses of %s", segment).isBetween(1, 2);
            assertThat(onDistrictBoundary.containsKey(segment)).as("%s on the district boundary", segment)
                    .isEqualTo(count == 1);
        });
        assertThat(onDistrictBoundary.keySet()).allSatisfy(segment -> assertThat(uses).containsKey(segment));
    }

    static void assertExactPartition(Grid grid) {
        assertEveryUnitIsOneValidPolygon(grid);
        assertEveryParentIsTheUnionOfItsChildren(grid);
        assertCellsShareEdgesVertexForVertex(grid);
    }

    private static void forEachSegment(Polygon polygon, Consumer<List<Double>> action) {
        List<Coordinate[]> rings = new ArrayList<>();
        rings.add(polygon.getExteriorRing().getCoordinates());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(polygon.getInteriorRingN(i).getCoordinates());
        }
        for (Coordinate[] ring : rings) {
            for (int i = 1; i < ring.length; i++) {
                Coordinate a = ring[i - 1];
                Coordinate b = ring[i];
                action.accept(a.compareTo(b) < 0 ? List.of(a.x, a.y, b.x, b.y) : List.of(b.x, b.y, a.x, a.y));
            }
        }
    }
}
