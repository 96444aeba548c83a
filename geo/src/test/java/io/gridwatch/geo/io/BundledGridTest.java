package io.gridwatch.geo.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.TestGrids;
import io.gridwatch.geo.generate.GridGenerator;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.Level;
import io.gridwatch.geo.validate.GridValidator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The grid that ships in the jar is the generator's output for its seed, and it is usable. */
class BundledGridTest {

    @Test
    void bundledGridIsExactlyWhatTheGeneratorMakesFromTheRealBoundary() throws Exception {
        // given
        byte[] bundled;
        try (InputStream in = BundledGrid.class.getResourceAsStream(BundledGrid.RESOURCE)) {
            bundled = in.readAllBytes();
        }
        GridGeoJson.Outline boundary = GridGeoJson.readOutline(TestGrids.DATA.resolve("guangming-district.wgs84.geojson"));

        // when
        ByteArrayOutputStream regenerated = new ByteArrayOutputStream();
        GridGeoJson.write(GridGenerator.generate(boundary, BundledGrid.SEED), regenerated);

        // then: regenerate with `gridwatch grid generate --seed 1` when the generator changes
        assertThat(regenerated.toByteArray()).isEqualTo(bundled);
    }

    @Test
    void bundledGridHasGuangmingsRealCountsAndValidatesClean() {
        Grid grid = BundledGrid.guangming();

        assertThat(grid.units(Level.SUBDISTRICT)).hasSize(6);
        assertThat(grid.units(Level.COMMUNITY)).hasSize(37);
        assertThat(grid.units(Level.SECTOR)).hasSize(272);
        assertThat(grid.units(Level.CELL)).hasSize(1734);
        assertThat(grid.units(Level.SUBDISTRICT)).extracting(u -> u.name())
                .containsExactlyInAnyOrder("光明街道", "公明街道", "新湖街道", "凤凰街道", "玉塘街道", "马田街道");
        assertThat(new GridValidator().validate(new GridFile(grid.crs(), grid.units())).usable()).isTrue();
    }

    @Test
    void cellsUnderAUnitAreExactlyItsDescendantCells() {
        Grid grid = BundledGrid.guangming();
        var sector = grid.units(Level.SECTOR).get(0);

        assertThat(grid.cellsUnder(grid.district().id())).hasSize(1734);
        assertThat(grid.cellsUnder(sector.id())).containsExactlyInAnyOrderElementsOf(
                grid.children(sector.id()).stream().map(u -> u.id()).toList());
        assertThat(grid.cellsUnder("no-such-unit")).isEmpty();
    }
}
