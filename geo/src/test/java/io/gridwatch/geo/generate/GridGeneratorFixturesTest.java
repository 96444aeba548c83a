package io.gridwatch.geo.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.GridGeoJson.Outline;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator on small WKT boundaries and counts. */
@Timeout(60)
class GridGeneratorFixturesTest {

    private static final String SQUARE =
            "POLYGON ((113.90 22.70, 113.92 22.70, 113.92 22.72, 113.90 22.72, 113.90 22.70))";
    /** A square with a square hole (a lake nobody governs). */
    private static final String SQUARE_WITH_LAKE =
            "POLYGON ((113.90 22.70, 113.92 22.70, 113.92 22.72, 113.90 22.72, 113.90 22.70),"
            + " (113.905 22.705, 113.905 22.712, 113.913 22.712, 113.913 22.705, 113.905 22.705))";
    /** A square with a 20 m slit down to near its foot: Voronoi cells reach across and get cut in two. */
    private static final String SLIT =
            "POLYGON ((113.90 22.70, 113.92 22.70, 113.92 22.72, 113.9101 22.72, 113.9101 22.702,"
            + " 113.9099 22.702, 113.9099 22.72, 113.90 22.72, 113.90 22.70))";
    private static final GridCounts SMALL = new GridCounts(2, 4, 8, 20);

    @Test
    void smallCountsGiveAnExactGridInsideASquare() {
        // given
        Outline square = outline(SQUARE);

        // when
        Grid grid = GridGenerator.generate(square, 1, SMALL, message -> { });

        // then
        GridInvariants.assertCounts(grid, SMALL);
        GridInvariants.assertExactPartition(grid);
        assertThat(grid.district().geometry().equalsTopo(square.geometry())).isTrue();
        assertThat(grid.units(Level.SUBDISTRICT)).extracting(GridUnit::id).containsExactly("440311001", "440311002");
    }

    @Test
    void aHoleInTheBoundaryStaysOutOfEveryCell() {
        // given
        Outline lake = outline(SQUARE_WITH_LAKE);

        // when
        Grid grid = GridGenerator.generate(lake, 2, new GridCounts(3, 6, 12, 60), message -> { });

        // then
        GridInvariants.assertExactPartition(grid);
        double cellArea = grid.units(Level.CELL).stream().mapToDouble(u -> u.geometry().getArea()).sum();
        assertThat(cellArea).isCloseTo(lake.geometry().getArea(), within(lake.geometry().getArea() * 1e-9));
        assertThat(grid.district().geometry().equalsTopo(lake.geometry())).isTrue();
    }

    @Test
    void cellsCutApartByANarrowBoundaryAreStillOnePolygonEach() {
        // given cells about 700 m across on both sides of a slit 20 m wide
        Outline slit = outline(SLIT);

        // when
        Grid grid = GridGenerator.generate(slit, 3, new GridCounts(2, 3, 6, 12), message -> { });

        // then
        GridInvariants.assertCounts(grid, new GridCounts(2, 3, 6, 12));
        GridInvariants.assertExactPartition(grid);
    }

    @Test
    void oneUnitPerLevelIsTheWholeBoundary() {
        // given
        GridCounts one = new GridCounts(1, 1, 1, 1);

        // when
        Grid grid = GridGenerator.generate(outline(SQUARE), 4, one, message -> { });

        // then
        GridInvariants.assertCounts(grid, one);
        GridInvariants.assertExactPartition(grid);
        assertThat(grid.path("440311001001-01-01")).isPresent();
    }

    @Test
    void subdistrictsBeyondTheSixRealOnesGetMadeUpNamesAndCodes() {
        // when
        Grid grid = GridGenerator.generate(outline(SQUARE), 5, new GridCounts(8, 8, 8, 8), message -> { });

        // then
        assertThat(grid.units(Level.SUBDISTRICT)).extracting(GridUnit::id)
                .containsExactly("440311001", "440311002", "440311003", "440311004", "440311005", "440311006",
                        "440311007", "440311008");
        assertThat(grid.unit("440311008").orElseThrow().name()).isEqualTo("第8街道");
        assertThat(grid.unit("440311001").orElseThrow().name()).isEqualTo("光明街道");
        assertThat(grid.unit("440311001001").orElseThrow().name()).isEqualTo("光明街道第1社区");
        assertThat(grid.unit("440311001001-01").orElseThrow().name()).isEqualTo("光明街道第1社区第1小分格");
        assertThat(grid.unit("440311001001-01-01").orElseThrow().name()).isEqualTo("光明街道第1社区第1小分格第1网格");
    }

    @Test
    void subdistrictCodesFollowTheMapFromNorthToSouth() {
        // when
        Grid grid = GridGenerator.generate(outline(SQUARE), 6, new GridCounts(4, 4, 8, 40), message -> { });

        // then
        List<Double> northings = grid.units(Level.SUBDISTRICT).stream()
                .map(u -> u.geometry().getCentroid().getY()).toList();
        assertThat(northings).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void gcj02BoundaryGivesAGridInGcj02() {
        // when
        Grid grid = GridGenerator.generate(new Outline(Crs.GCJ02, TestGrids.wkt(SQUARE)), 7, SMALL, message -> { });

        // then
        assertThat(grid.crs()).isEqualTo(Crs.GCJ02);
    }

    @Test
    void progressNamesEveryStage() {
        // given
        List<String> lines = new ArrayList<>();

        // when
        GridGenerator.generate(outline(SQUARE), 8, SMALL, lines::add);

        // then
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("placing 20 cell sites");
        assertThat(lines.get(2)).isEqualTo("grouping 20 cells into 8 sectors");
        assertThat(lines.get(5)).startsWith("generated 35 units in ");
    }

    @Test
    void boundaryOfTwoSeparatePolygonsIsRefused() {
        // given
        Outline islands = outline("MULTIPOLYGON (((113.90 22.70, 113.91 22.70, 113.91 22.71, 113.90 22.70)),"
                + " ((113.95 22.75, 113.96 22.75, 113.96 22.76, 113.95 22.75)))");

        // then
        assertThatThrownBy(() -> GridGenerator.generate(islands, 1, SMALL, message -> { }))
                .isInstanceOf(GridException.class)
                .hasMessageContaining("the boundary must be one polygon");
    }

    @Test
    void countsThatLeaveAParentWithoutChildrenAreRefused() {
        assertThatThrownBy(() -> new GridCounts(6, 37, 30, 1734))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot give 37 communities a child each with 30 sectors");
        assertThatThrownBy(() -> new GridCounts(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Outline outline(String wkt) {
        return new Outline(Crs.WGS84, TestGrids.wkt(wkt));
    }
}
