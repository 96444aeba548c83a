package io.gridwatch.geo.validate;

import static io.gridwatch.geo.validate.MetreGrid.WEST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SOUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole validation: a clean grid, progress, and the text report. */
class GridValidatorTest {

    private final GridValidator validator = new GridValidator();

    @Test
    void aCleanFiveLevelGridHasNoDefectsAndIsUsable() {
        // given
        MetreGrid grid = MetreGrid.clean();

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).isEmpty();
        assertThat(report.usable()).isTrue();
        assertThat(report.unitCounts()).containsEntry(Level.DISTRICT, 1).containsEntry(Level.SUBDISTRICT, 2)
                .containsEntry(Level.COMMUNITY, 2).containsEntry(Level.SECTOR, 2).containsEntry(Level.CELL, 4);
        assertThat(report.toText()).isEqualTo(
                "11 units: 1 district, 2 subdistricts, 2 communities, 2 sectors, 4 cells; no defects: usable\n");
    }

    @Test
    void theTextReportNamesTheIdsOfEachDefectAndEndsUnusable() {
        // given: an overlap and, elsewhere, a gap
        MetreGrid grid = MetreGrid.clean()
                .reshape(WEST_NORTH, "POLYGON ((0 950, 100 950, 100 1000, 1000 1000, 1000 2000, 0 2000, 0 950))")
                .reshape(MetreGrid.EAST_SOUTH, "POLYGON ((1000 0, 2000 0, 2000 900, 1000 900, 1000 0))");

        // when
        String text = validator.validate(grid.file()).toText();

        // then
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("overlap    cells " + WEST_SOUTH + " and " + WEST_NORTH + " overlap by ");
        assertThat(lines.get(1)).startsWith("gap        sector " + MetreGrid.EAST_SECTOR + ": ")
                .containsPattern(": (99,9\\d\\d|100,0\\d\\d)\\.\\d m² not covered by its cells, (9\\d|10\\d)\\.\\d m wide near \\d+\\.\\d+ \\d+\\.\\d+$");
        assertThat(lines.get(2)).isEqualTo("11 units: 1 district, 2 subdistricts, 2 communities, 2 sectors, 4 cells; "
                + "2 defects: UNUSABLE");
    }

    @Test
    void progressIsReportedStepByStep() {
        // given
        List<String> steps = new ArrayList<>();

        // when
        validator.validate(MetreGrid.clean().file(), steps::add);

        // then
        assertThat(steps).hasSizeGreaterThanOrEqualTo(5).first().asString().contains("11 features");
        assertThat(steps).last().asString().startsWith("done");
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ValidationOptions(-1))
                .withMessageContaining("areaToleranceM2");
    }
}
