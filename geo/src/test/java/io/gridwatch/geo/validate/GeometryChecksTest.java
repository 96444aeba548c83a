package io.gridwatch.geo.validate;

import static io.gridwatch.geo.validate.MetreGrid.EAST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.EAST_SECTOR;
import static io.gridwatch.geo.validate.MetreGrid.WEST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SECTOR;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SOUTH;
import static io.gridwatch.geo.validate.MetreGrid.rect;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** Invalid rings, children outside their parent, overlapping siblings and gaps. */
class GeometryChecksTest {

    /** The north-west cell reaching 50 m into the south-west one along its first 100 m. */
    private static final String NORTH_WITH_TONGUE =
            "POLYGON ((0 950, 100 950, 100 1000, 1000 1000, 1000 2000, 0 2000, 0 950))";

    private final GridValidator validator = new GridValidator();

    @Test
    void siblingsSharingA100By50MetreRectangleOverlapBy5000SquareMetres() {
        // given
        MetreGrid grid = MetreGrid.clean().reshape(WEST_NORTH, NORTH_WITH_TONGUE);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.OVERLAP);
            assertThat(d.ids()).containsExactly(WEST_SOUTH, WEST_NORTH);
            assertThat(d.features()).containsExactly(7, 8);
            assertThat(d.areaM2().getAsDouble()).isCloseTo(5_000, Tolerances.AREA);
            assertInside(d, 0, 950, 100, 1000);
            assertThat(d.message()).startsWith("cells " + WEST_SOUTH + " and " + WEST_NORTH + " overlap by ")
                    .containsPattern("by (4,99\\d|5,00\\d)\\.\\d m²");
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void anOverlapWithinTheToleranceIsNotReported() {
        // given: a 1 m x 0.5 m tongue, 0.5 m² of overlap
        String tongue = "POLYGON ((0 999.5, 1 999.5, 1 1000, 1000 1000, 1000 2000, 0 2000, 0 999.5))";
        MetreGrid grid = MetreGrid.clean().reshape(WEST_NORTH, tongue);

        // when
        ValidationReport byDefault = validator.validate(grid.file());
        ValidationReport strict = new GridValidator(new ValidationOptions(0.1)).validate(grid.file());

        // then
        assertThat(byDefault.defects()).isEmpty();
        assertThat(strict.defects(DefectKind.OVERLAP)).singleElement()
                .satisfies(d -> assertThat(d.areaM2().getAsDouble()).isCloseTo(0.5, Tolerances.AREA));
    }

    @Test
    void aCellReachingOutOfItsSectorIsReportedWithTheAreaOutside() {
        // given: the south-west cell reaching 100 m west of the district along its first 50 m
        String reaching = "POLYGON ((-100 0, 1000 0, 1000 1000, 0 1000, 0 50, -100 50, -100 0))";
        MetreGrid grid = MetreGrid.clean().reshape(WEST_SOUTH, reaching);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.OUTSIDE_PARENT);
            assertThat(d.ids()).containsExactly(WEST_SOUTH, WEST_SECTOR);
            assertThat(d.areaM2().getAsDouble()).isCloseTo(5_000, Tolerances.AREA);
            assertInside(d, -100, 0, 0, 50);
            assertThat(d.message()).contains("sticks out of sector " + WEST_SECTOR);
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aCellFarFromItsSectorLiesEntirelyOutsideAndLeavesAGap() {
        // given
        MetreGrid grid = MetreGrid.clean().reshape(EAST_NORTH, rect(3000, 0, 3100, 100));

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.OUTSIDE_PARENT)).singleElement().satisfies(d -> {
            assertThat(d.areaM2().getAsDouble()).isCloseTo(10_000, Tolerances.AREA);
            assertThat(d.message()).contains("lies entirely outside sector " + EAST_SECTOR);
        });
        assertThat(report.defects(DefectKind.GAP)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(EAST_SECTOR);
            assertThat(d.areaM2().getAsDouble()).isCloseTo(1_000_000, Tolerances.AREA);
        });
    }

    @Test
    void aNotchBetweenCellsIsAGapOfItsAreaAndMakesTheGridUnusable() {
        // given: the south-west cell missing 100 m x 50 m in its north-east corner
        String notched = "POLYGON ((0 0, 1000 0, 1000 950, 900 950, 900 1000, 0 1000, 0 0))";
        MetreGrid grid = MetreGrid.clean().reshape(WEST_SOUTH, notched);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.GAP);
            assertThat(d.ids()).containsExactly(WEST_SECTOR);
            assertThat(d.areaM2().getAsDouble()).isCloseTo(5_000, Tolerances.AREA);
            assertInside(d, 900, 950, 1000, 1000);
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aBowTieIsReportedOnceAsInvalidAtItsCrossing() {
        // given: the south-west cell's ring crosses itself at (500, 500)
        String bowTie = "POLYGON ((0 0, 1000 1000, 1000 0, 0 1000, 0 0))";
        MetreGrid grid = MetreGrid.clean().reshape(WEST_SOUTH, bowTie);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then: no overlap, gap or failure is computed from the broken ring
        Coordinate crossing = MetreGrid.degrees(500, 500);
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.INVALID_GEOMETRY);
            assertThat(d.ids()).containsExactly(WEST_SOUTH);
            assertThat(d.features()).containsExactly(7);
            assertThat(d.location()).hasValueSatisfying(at -> {
                assertThat(at.lon()).isCloseTo(crossing.x, Tolerances.DEGREES);
                assertThat(at.lat()).isCloseTo(crossing.y, Tolerances.DEGREES);
            });
            assertThat(d.message()).contains("Self-intersection at " + d.location().get());
        });
        assertThat(report.usable()).isFalse();
    }

    @Test
    void aHoleOutsideItsShellIsReportedWithTheJtsErrorType() {
        // given
        String strayHole = "POLYGON ((0 0, 1000 0, 1000 1000, 0 1000, 0 0), "
                + "(3000 3000, 3100 3000, 3100 3100, 3000 3100, 3000 3000))";
        MetreGrid grid = MetreGrid.clean().reshape(WEST_SOUTH, strayHole);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.INVALID_GEOMETRY);
            assertThat(d.message()).contains("Hole lies outside shell");
        });
    }

    @Test
    void aParentWithoutChildrenIsOneGapOfItsWholeArea() {
        // given: the east sector has lost both its cells to the west sector
        MetreGrid grid = MetreGrid.clean()
                .reparent(MetreGrid.EAST_SOUTH, WEST_SECTOR).reparent(EAST_NORTH, WEST_SECTOR);

        // when
        ValidationReport report = validator.validate(grid.file());

        // then
        assertThat(report.defects(DefectKind.GAP)).singleElement().satisfies(d -> {
            assertThat(d.ids()).containsExactly(EAST_SECTOR);
            assertThat(d.areaM2().getAsDouble()).isCloseTo(2_000_000, Tolerances.AREA);
            assertThat(d.message()).contains("has no cells");
        });
        assertThat(report.defects(DefectKind.OUTSIDE_PARENT)).hasSize(2);
    }

    /** The defect's location lies in the rectangle given in metres. */
    private static void assertInside(Defect defect, double x0, double y0, double x1, double y1) {
        Coordinate low = MetreGrid.degrees(x0, y0);
        Coordinate high = MetreGrid.degrees(x1, y1);
        assertThat(defect.location()).hasValueSatisfying(at -> {
            assertThat(at.lon()).isBetween(low.x, high.x);
            assertThat(at.lat()).isBetween(low.y, high.y);
        });
    }
}
