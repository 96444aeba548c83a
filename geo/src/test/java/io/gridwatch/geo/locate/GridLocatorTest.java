package io.gridwatch.geo.locate;

import static io.gridwatch.geo.TestGrids.ofCells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.geo.model.Grid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of point → cell on WKT fixtures near Guangming (lon 113.9, lat 22.7). One degree of
 * latitude is 111,195 m here, so 0.0001° is 11.12 m.
 */
class GridLocatorTest {

    private static final double M_PER_1E4_DEG_LAT = 11.1195;

    /** Four 0.01° squares meeting at (113.91 22.71); listed out of id order on purpose. */
    private static final Grid FOUR_SQUARES = ofCells(orderedMap(
            "cell-d", "POLYGON ((113.91 22.71, 113.92 22.71, 113.92 22.72, 113.91 22.72, 113.91 22.71))",
            "cell-b", "POLYGON ((113.91 22.70, 113.92 22.70, 113.92 22.71, 113.91 22.71, 113.91 22.70))",
            "cell-c", "POLYGON ((113.90 22.71, 113.91 22.71, 113.91 22.72, 113.90 22.72, 113.90 22.71))",
            "cell-a", "POLYGON ((113.90 22.70, 113.91 22.70, 113.91 22.71, 113.90 22.71, 113.90 22.70))"));

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pointInsideACellIsInsideWithItsWholePath(boolean raster) {
        GridLocator locator = GridLocator.of(FOUR_SQUARES, LocatorOptions.DEFAULTS.withRaster(raster));

        Location location = locator.locate(113.915, 22.715);

        assertThat(location.cell()).isEqualTo("cell-d");
        assertThat(location.match()).isEqualTo(Match.INSIDE);
        assertThat(location.distanceM()).isZero();
        assertThat(location.path().asMap()).containsExactly(
                Map.entry("district", "D"), Map.entry("subdistrict", "S"), Map.entry("community", "C"),
                Map.entry("sector", "T"), Map.entry("cell", "cell-d"));
    }

    @Test
    void pointOnASharedEdgeBelongsToTheCellWhoseIdSortsFirst() {
        GridLocator locator = GridLocator.of(FOUR_SQUARES);

        Location onBdEdge = locator.locate(113.915, 22.71);
        Location onCdEdge = locator.locate(113.91, 22.715);

        assertThat(onBdEdge.cell()).isEqualTo("cell-b");
        assertThat(onBdEdge.match()).isEqualTo(Match.BOUNDARY);
        assertThat(onCdEdge.cell()).isEqualTo("cell-c");
        assertThat(onCdEdge.match()).isEqualTo(Match.BOUNDARY);
    }

    @Test
    void pointOnAVertexSharedByFourCellsBelongsToTheFirstId() {
        Location location = GridLocator.of(FOUR_SQUARES).locate(113.91, 22.71);

        assertThat(location.cell()).isEqualTo("cell-a");
        assertThat(location.match()).isEqualTo(Match.BOUNDARY);
        assertThat(location.distanceM()).isZero();
    }

    @Test
    void pointOnTheOuterEdgeIsBoundaryOfItsOnlyCell() {
        Location location = GridLocator.of(FOUR_SQUARES).locate(113.92, 22.705);

        assertThat(location.cell()).isEqualTo("cell-b");
        assertThat(location.match()).isEqualTo(Match.BOUNDARY);
    }

    @Test
    void pointJustOutsideTheDistrictGetsTheNearestCellWithItsDistance() {
        // 0.0001° south of cell-a's bottom edge
        Location location = GridLocator.of(FOUR_SQUARES).locate(113.905, 22.6999);

        assertThat(location.cell()).isEqualTo("cell-a");
        assertThat(location.match()).isEqualTo(Match.NEAREST);
        assertThat(location.distanceM()).isCloseTo(M_PER_1E4_DEG_LAT, within(0.05));
    }

    @Test
    void pointBeyondTheToleranceIsOutsideWithNoCell() {
        // 0.001° (111 m) south of the grid
        Location location = GridLocator.of(FOUR_SQUARES).locate(113.905, 22.699);

        assertThat(location.cell()).isNull();
        assertThat(location.path()).isNull();
        assertThat(location.match()).isEqualTo(Match.OUTSIDE);
        assertThat(location.distanceM()).isCloseTo(10 * M_PER_1E4_DEG_LAT, within(0.5));
    }

    @Test
    void toleranceIsConfigurable() {
        GridLocator generous = GridLocator.of(FOUR_SQUARES, LocatorOptions.DEFAULTS.withTolerance(200));

        assertThat(generous.locate(113.905, 22.699).cell()).isEqualTo("cell-a");
        assertThat(GridLocator.of(FOUR_SQUARES, LocatorOptions.DEFAULTS.withTolerance(5))
                .locate(113.905, 22.6999).match()).isEqualTo(Match.OUTSIDE);
    }

    @Test
    void pointInAHoleFilledByAnotherCellIsInThatCell() {
        Grid grid = ofCells(orderedMap(
                "ring", "POLYGON ((113.90 22.70, 113.93 22.70, 113.93 22.73, 113.90 22.73, 113.90 22.70),"
                        + " (113.91 22.71, 113.92 22.71, 113.92 22.72, 113.91 22.72, 113.91 22.71))",
                "core", "POLYGON ((113.91 22.71, 113.92 22.71, 113.92 22.72, 113.91 22.72, 113.91 22.71))"));
        GridLocator locator = GridLocator.of(grid);

        assertThat(locator.locate(113.915, 22.715).cell()).isEqualTo("core");
        assertThat(locator.locate(113.905, 22.705).cell()).isEqualTo("ring");
    }

    @Test
    void pointInAnEmptyHoleGetsTheSurroundingCellAsNearest() {
        // a 0.0004° (≈ 45 m) hole: its centre is ≈ 20 m from the ring cell, inside the 30 m tolerance
        Grid grid = ofCells(orderedMap(
                "ring", "POLYGON ((113.90 22.70, 113.93 22.70, 113.93 22.73, 113.90 22.73, 113.90 22.70),"
                        + " (113.9148 22.7148, 113.9152 22.7148, 113.9152 22.7152, 113.9148 22.7152, 113.9148 22.7148))"));

        Location location = GridLocator.of(grid).locate(113.915, 22.715);

        assertThat(location.cell()).isEqualTo("ring");
        assertThat(location.match()).isEqualTo(Match.NEAREST);
        assertThat(location.distanceM()).isCloseTo(2 * 10.26, within(0.2));
    }

    @Test
    void pointInTheSecondPartOfAMultiPolygonCellIsInThatCell() {
        Grid grid = ofCells(orderedMap(
                "islands", "MULTIPOLYGON (((113.90 22.70, 113.91 22.70, 113.91 22.71, 113.90 22.71, 113.90 22.70)),"
                        + " ((113.95 22.70, 113.96 22.70, 113.96 22.71, 113.95 22.71, 113.95 22.70)))",
                "between", "POLYGON ((113.91 22.70, 113.95 22.70, 113.95 22.71, 113.91 22.71, 113.91 22.70))"));

        Location location = GridLocator.of(grid).locate(113.955, 22.705);

        assertThat(location.cell()).isEqualTo("islands");
        assertThat(location.match()).isEqualTo(Match.INSIDE);
    }

    @Test
    void pointInASliverBetweenTwoCellsGoesToTheNearerOne() {
        // cells 0.0001° apart (≈ 10.3 m east-west); the point sits a quarter of the way across
        Grid grid = ofCells(orderedMap(
                "west", "POLYGON ((113.90 22.70, 113.91 22.70, 113.91 22.71, 113.90 22.71, 113.90 22.70))",
                "east", "POLYGON ((113.9101 22.70, 113.92 22.70, 113.92 22.71, 113.9101 22.71, 113.9101 22.70))"));

        Location location = GridLocator.of(grid).locate(113.910075, 22.705);

        assertThat(location.cell()).isEqualTo("east");
        assertThat(location.match()).isEqualTo(Match.NEAREST);
        assertThat(location.distanceM()).isCloseTo(0.25 * 10.26, within(0.05));
    }

    @Test
    void rasterAnswersAgreeWithTheExactLookupEverywhere() {
        GridLocator locator = GridLocator.of(FOUR_SQUARES, LocatorOptions.DEFAULTS.withRaster(true));
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 50_000; i++) {
            double lon = 113.899 + random.nextDouble() * 0.022;
            double lat = 22.699 + random.nextDouble() * 0.022;
            assertThat(locator.locate(lon, lat)).isEqualTo(locator.locateExact(lon, lat));
        }
        assertThat(locator.rasterDecidedShare()).isGreaterThan(0.5);
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
