package io.gridwatch.geo.locate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/** Properties of the lookup over the real-scale bundled grid (1,734 cells). */
class GuangmingLocatorTest {

    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static Grid grid;
    private static GridLocator locator;
    private static Envelope box;

    @BeforeAll
    static void buildOnce() {
        grid = BundledGrid.guangming();
        locator = GridLocator.of(grid);
        box = grid.district().geometry().getEnvelopeInternal();
    }

    @Test
    void rasterAndExactLookupAgreeOnRandomPointsAcrossTheWholeBoundingBox() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300_000; i++) {
            double lon = box.getMinX() - 0.001 + random.nextDouble() * (box.getWidth() + 0.002);
            double lat = box.getMinY() - 0.001 + random.nextDouble() * (box.getHeight() + 0.002);

            assertThat(locator.locate(lon, lat)).isEqualTo(locator.locateExact(lon, lat));
        }
        // most lookups inside the district never reach the exact path
        assertThat(locator.rasterDecidedShare()).isGreaterThan(0.4);
    }

    @Test
    void everyPointInsideTheDistrictIsInExactlyTheOneCellThatCoversIt() {
        SplittableRandom random = new SplittableRandom(12);
        List<GridUnit> cells = grid.units(Level.CELL);
        int checked = 0;
        while (checked < 2_000) {
            Point p = FACTORY.createPoint(new Coordinate(box.getMinX() + random.nextDouble() * box.getWidth(),
                    box.getMinY() + random.nextDouble() * box.getHeight()));
            if (!grid.district().geometry().contains(p)) {
                continue;
            }
            checked++;

            List<String> covering = cells.stream().filter(c -> c.geometry().covers(p)).map(GridUnit::id).toList();
            Location location = locator.locate(p.getX(), p.getY());

            assertThat(covering).hasSize(1);
            assertThat(location.cell()).isEqualTo(covering.get(0));
            assertThat(location.match()).isEqualTo(Match.INSIDE);
        }
    }

    @Test
    void everyCellsOwnVerticesAreBoundaryMatchesOfACellTouchingThem() {
        for (GridUnit cell : grid.units(Level.CELL).subList(0, 200)) {
            for (Coordinate vertex : cell.geometry().getCoordinates()) {
                Location location = locator.locate(vertex.x, vertex.y);

                assertThat(location.match()).isEqualTo(Match.BOUNDARY);
                assertThat(location.cell().compareTo(cell.id())).isLessThanOrEqualTo(0);
                assertThat(grid.unit(location.cell()).orElseThrow().geometry()
                        .covers(FACTORY.createPoint(vertex))).isTrue();
            }
        }
    }

    @Test
    void aGcj02PointFindsTheSameCellAsItsWgs84Original() {
        SplittableRandom random = new SplittableRandom(13);
        for (GridUnit cell : grid.units(Level.CELL)) {
            if (random.nextInt(10) != 0) {
                continue;
            }
            Point inside = cell.geometry().getInteriorPoint();
            Coordinate gcj = Crs.WGS84.convert(inside.getX(), inside.getY(), Crs.GCJ02);

            assertThat(locator.locate(gcj.x, gcj.y, Crs.GCJ02).cell()).isEqualTo(cell.id());
        }
    }
}
