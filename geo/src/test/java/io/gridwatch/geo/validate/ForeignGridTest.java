package io.gridwatch.geo.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.model.GridUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * A grid the project did not make — Voronoi cells in the real boundary, coordinates rounded to 7 decimals, as
 * PostGIS makes one ({@link VoronoiGrid}) — passes with its rounding slivers named as warnings, while real
 * overlaps and gaps in it are still refused, with their width.
 */
class ForeignGridTest {

    /** About three metres, in degrees, near 22.75° N (a degree of latitude is 110.8 km). */
    private static final double THREE_METRES = 3 / 110_800.0;

    static GridFile gisGrid;

    @BeforeAll
    static void buildTheGrid() {
        gisGrid = VoronoiGrid.rounded(17);
    }

    @Test
    void aVoronoiGridRoundedTo7DecimalsIsUsableWithItsSliversAsWarnings() {
        // when the GIS-made grid is validated with the defaults
        ValidationReport report = new GridValidator().validate(gisGrid);

        // then it is usable: nothing but slivers, some of them larger than the area tolerance alone would let
        // pass, none wider than the sliver width
        assertThat(report.defects()).as(report.toText()).isEmpty();
        assertThat(report.usable()).isTrue();
        assertThat(report.slivers()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.widthM().getAsDouble()).isLessThanOrEqualTo(ValidationOptions.DEFAULT_SLIVER_WIDTH_M);
            assertThat(s.message()).contains("a sliver at most ").contains(" cm wide");
        });
        assertThat(report.slivers()).anySatisfy(s -> assertThat(s.areaM2().getAsDouble())
                .isGreaterThan(ValidationOptions.DEFAULT_AREA_TOLERANCE_M2));
        assertThat(report.toText()).contains("\nsliver     ").endsWith("slivers accepted: usable\n");
    }

    @Test
    void aCellGrownThreeMetresIntoItsNeighboursIsStillRefusedWithTheWidth() {
        // given the GIS grid with one cell grown by about 3 m all round
        GridFile grid = reshape(gisGrid, "w-100", g -> VoronoiGrid.round(g.buffer(THREE_METRES)));

        // when
        ValidationReport report = new GridValidator().validate(grid);

        // then its overlaps with its neighbours are defects, each about 3 m wide, and the grid is unusable
        assertThat(report.usable()).isFalse();
        assertThat(report.defects(DefectKind.OVERLAP)).isNotEmpty().allSatisfy(d -> {
            assertThat(d.ids()).contains("w-100");
            assertThat(d.widthM().getAsDouble()).isBetween(2.0, 4.5);
            assertThat(d.message()).containsPattern("overlap by [\\d,.]+ m², [234]\\.\\d m wide near ");
        });
    }

    @Test
    void aCellShrunkByThreeMetresLeavesAGapThatIsStillRefusedWithTheWidth() {
        // given the GIS grid with one cell shrunk by about 3 m all round
        GridFile grid = reshape(gisGrid, "w-200", g -> VoronoiGrid.round(g.buffer(-THREE_METRES)));

        // when
        ValidationReport report = new GridValidator().validate(grid);

        // then its sector has a gap about 3 m wide, and the grid is unusable
        assertThat(report.usable()).isFalse();
        assertThat(report.defects(DefectKind.GAP)).singleElement().satisfies(d -> {
            assertThat(d.widthM().getAsDouble()).isBetween(2.0, 4.5);
            assertThat(d.message()).contains(" not covered by its cells, ").containsPattern("[234]\\.\\d m wide near ");
        });
    }

    private static GridFile reshape(GridFile file, String id, UnaryOperator<Geometry> change) {
        List<GridUnit> units = new ArrayList<>();
        for (GridUnit u : file.units()) {
            units.add(u.id().equals(id) ? new GridUnit(u.id(), u.level(), u.parentId(), u.name(),
                    change.apply(u.geometry())) : u);
        }
        return new GridFile(file.crs(), units);
    }
}
