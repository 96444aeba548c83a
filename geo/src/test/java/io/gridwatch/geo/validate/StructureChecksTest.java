package io.gridwatch.geo.validate;

import static io.gridwatch.geo.validate.MetreGrid.DISTRICT;
import static io.gridwatch.geo.validate.MetreGrid.EAST_COMMUNITY;
import static io.gridwatch.geo.validate.MetreGrid.EAST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.EAST_SECTOR;
import static io.gridwatch.geo.validate.MetreGrid.EAST_SOUTH;
import static io.gridwatch.geo.validate.MetreGrid.WEST;
import static io.gridwatch.geo.validate.MetreGrid.WEST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SECTOR;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SOUTH;
import static io.gridwatch.geo.validate.MetreGrid.rect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.Level;
import org.junit.jupiter.api.Test;

/** Ids, parent links and level counts: the checks that need no geometry. */
class StructureChecksTest {

    private final GridValidator validator = new GridValidator();

    @Test
    void aRepeatedIdNamesEveryFeatureThatUsesIt() {
        // given: the north-west cell a second time, at the end of the file
        MetreGrid grid = MetreGrid.clean().add(WEST_NORTH, Level.CELL, WEST_SECTOR, rect(0, 1000, 1000, 2000));

        // when
        ValidationReport report = validator.validate(grid.file());

        // then: one defect naming features 8 and 11; the copy is not also reported as an overlap
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.DUPLICATE_ID);
            assertThat(d.ids()).containsExactly(WEST_NORTH);
            assertThat(d.features()).containsExactly(8, 11);
            assertThat(d.message()).contains("features: 8 and 11");
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aParentThatDoesNotExistIsReported() {
        // given
        MetreGrid grid = MetreGrid.clean().reparent(EAST_NORTH, "nowhere");

        // when
        ValidationReport report = validator.validate(grid.file());

        // then: the orphan, and the half of its sector it no longer covers
        assertThat(report.defects(DefectKind.UNKNOWN_PARENT)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(EAST_NORTH, "nowhere");
            assertThat(d.features()).containsExactly(10);
        });
        assertThat(report.defects(DefectKind.GAP)).singleElement()
                .satisfies(d -> assertThat(d.ids()).containsExactly(EAST_SECTOR));
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aCellWhoseParentIsACommunityIsReported() {
        // given
        MetreGrid grid = MetreGrid.clean().reparent(EAST_NORTH, EAST_COMMUNITY);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.WRONG_PARENT_LEVEL)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(EAST_NORTH, EAST_COMMUNITY);
            assertThat(d.message()).contains("is a community, a cell needs a sector");
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aCellWithoutParentIsReported() {
        // given
        MetreGrid grid = MetreGrid.clean().reparent(EAST_SOUTH, null);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.MISSING_PARENT)).singleElement()
                .satisfies(d -> assertThat(d.ids()).containsExactly(EAST_SOUTH));
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aDistrictWithAParentIsReported() {
        // given
        MetreGrid grid = MetreGrid.clean().reparent(DISTRICT, "4403");

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.DISTRICT_WITH_PARENT);
            assertThat(d.ids()).containsExactly(DISTRICT, "4403");
        });
    }

    @Test
    void twoDistrictsAreReportedByIdAndFeature() {
        // given: a second district beside the first
        MetreGrid grid = MetreGrid.clean().add("440312", Level.DISTRICT, null, rect(3000, 0, 4000, 1000));

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.DISTRICT_COUNT)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(DISTRICT, "440312");
            assertThat(d.features()).containsExactly(0, 11);
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aFileWithoutDistrictIsReportedOnceAndItsSubdistrictsAsOrphans() {
        // given
        MetreGrid grid = MetreGrid.clean().remove(DISTRICT);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.DISTRICT_COUNT)).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("found no district"));
        assertThat(report.defects(DefectKind.EMPTY_LEVEL)).isEmpty();
        assertThat(report.defects(DefectKind.UNKNOWN_PARENT)).extracting(d -> d.ids().get(0))
                .containsExactly(WEST, MetreGrid.EAST);
    }

    @Test
    void aLevelWithNoUnitsIsReported() {
        // given: no cells at all
        MetreGrid grid = MetreGrid.clean().remove(WEST_SOUTH).remove(WEST_NORTH).remove(EAST_SOUTH).remove(EAST_NORTH);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then: the empty level, and each sector as one gap of its whole area (1 km x 2 km)
        assertThat(report.defects(DefectKind.EMPTY_LEVEL)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("no cells in the file"));
        assertThat(report.defects(DefectKind.GAP)).hasSize(2)
                .allSatisfy(d -> assertThat(d.areaM2().getAsDouble()).isCloseTo(2_000_000, Tolerances.AREA));
        assertThat(report.unitCount(Level.CELL)).isZero();
        assertThat(report.usable()).isFalse();
    }
}
