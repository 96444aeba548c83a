package io.gridwatch.geo.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * The validator on a grid the size of Guangming's (about 1,700 cells and 2,000 features inside the
 * real 794-vertex outline). The timeout is loose on purpose: it is there to catch an accidental
 * quadratic check, not to benchmark (a validation takes about a second).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuangmingScaleTest {

    private static GridFile grid;

    @BeforeAll
    static void buildGrid() {
        GridGeoJson.Outline outline =
                GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.wgs84.geojson"));
        grid = LatticeGrid.clippedTo(outline.geometry(), 312, 42);
    }

    @Test
    void aCleanDistrictSizedGridHasNoDefects() {
        // given
        List<String> steps = new ArrayList<>();

        // when
        ValidationReport report = new GridValidator().validate(grid, steps::add);

        // then
        assertThat(report.unitCount(Level.CELL)).isBetween(1_500, 2_000);
        assertThat(report.defects()).as(report.toText()).isEmpty();
        assertThat(steps).last().asString().startsWith("done");
    }

    @Test
    void aCellMoved30MetresEastIsTheOnlyUnitBlamed() {
        // given: an inner, unclipped cell (eight corners and bends, nine coordinates) moved east
        List<GridUnit> units = new ArrayList<>(grid.units());
        int moved = innerCell(units);
        GridUnit cell = units.get(moved);
        LocalProjection projection = LocalProjection.centredOn(cell.geometry().getEnvelopeInternal());
        Geometry shifted = AffineTransformation.translationInstance(30 / projection.metresPerDegreeLon(), 0)
                .transform(cell.geometry());
        units.set(moved, new GridUnit(cell.id(), cell.level(), cell.parentId(), cell.name(), shifted));

        // when
        ValidationReport report = new GridValidator().validate(new GridFile(grid.crs(), units));

        // then: it overlaps or leaves its sector, and leaves a gap of about 30 m x 312 m behind
        assertThat(report.usable()).isFalse();
        assertThat(report.defects()).filteredOn(d -> d.kind() != DefectKind.GAP).isNotEmpty()
                .allSatisfy(d -> assertThat(d.ids()).contains(cell.id()));
        assertThat(report.defects(DefectKind.GAP)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(cell.parentId());
            assertThat(d.areaM2().getAsDouble()).isBetween(30 * 312 * 0.5, 30 * 312 * 1.5);
        });
    }

    /** The middle one of the cells that clipping left whole. */
    private static int innerCell(List<GridUnit> units) {
        List<Integer> whole = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).level() == Level.CELL && units.get(i).geometry().getNumPoints() == 9) {
                whole.add(i);
            }
        }
        return whole.get(whole.size() / 2);
    }
}
