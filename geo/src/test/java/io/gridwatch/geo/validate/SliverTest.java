package io.gridwatch.geo.validate;

import static io.gridwatch.geo.validate.MetreGrid.WEST_NORTH;
import static io.gridwatch.geo.validate.MetreGrid.WEST_SOUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Overlaps and gaps are judged by their width: a narrow strip along a long edge is rounding, not a defect. */
class SliverTest {

    /** The north-west cell reaching 1 cm into its southern sibling along their whole 1 km edge: 10 m². */
    private static final String NORTH_ONE_CM_DOWN = "POLYGON ((0 999.99, 1000 999.99, 1000 2000, 0 2000, 0 999.99))";
    /** ... and 2 m down along 10 m of it: 20 m². */
    private static final String NORTH_WITH_2_BY_10_TONGUE =
            "POLYGON ((0 998, 10 998, 10 1000, 1000 1000, 1000 2000, 0 2000, 0 998))";

    @Test
    void aCentimetreWideOverlapAlongAKilometreIsASliverAndTheGridStaysUsable() {
        // given 10 m² of overlap, ten times the area tolerance, but 1 cm wide
        MetreGrid grid = MetreGrid.clean().reshape(WEST_NORTH, NORTH_ONE_CM_DOWN);

        // when
        ValidationReport report = new GridValidator().validate(grid.file());

        // then it is a warning that names the width, and the grid is usable
        assertThat(report.defects()).isEmpty();
        assertThat(report.usable()).isTrue();
        assertThat(report.slivers()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(DefectKind.OVERLAP);
            assertThat(s.ids()).containsExactly(WEST_SOUTH, WEST_NORTH);
            assertThat(s.areaM2().getAsDouble()).isCloseTo(10, Offset.offset(0.1));
            assertThat(s.widthM().getAsDouble()).isBetween(0.01, 0.0126);
            assertThat(s.message()).contains("overlap by 10.0 m², a sliver at most 1.3 cm wide near ");
        });
        assertThat(report.toText()).startsWith("sliver     overlap: cells " + WEST_SOUTH + " and " + WEST_NORTH)
                .endsWith("; no defects, 1 sliver accepted: usable\n");
    }

    @Test
    void withASliverWidthOfZeroTheSameStripIsADefect() {
        // given the same 1 cm strip, and a validator that accepts no sliver
        MetreGrid grid = MetreGrid.clean().reshape(WEST_NORTH, NORTH_ONE_CM_DOWN);

        // when
        ValidationReport report = new GridValidator(new ValidationOptions(1.0, 0)).validate(grid.file());

        // then it is an overlap like any other
        assertThat(report.usable()).isFalse();
        assertThat(report.defects(DefectKind.OVERLAP)).singleElement()
                .satisfies(d -> assertThat(d.message()).contains(" cm wide near "));
    }

    @Test
    void aTwoMetreWideOverlapIsRefusedWithItsWidth() {
        // given 20 m² of overlap, 2 m wide
        MetreGrid grid = MetreGrid.clean().reshape(WEST_NORTH, NORTH_WITH_2_BY_10_TONGUE);

        // when
        ValidationReport report = new GridValidator().validate(grid.file());

        // then it is a defect of that width, and the grid is unusable
        assertThat(report.usable()).isFalse();
        assertThat(report.slivers()).isEmpty();
        assertThat(report.defects()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DefectKind.OVERLAP);
            assertThat(d.widthM().getAsDouble()).isCloseTo(2.0, Offset.offset(0.15));
            assertThat(d.message()).containsPattern("overlap by (19|20)\\.\\d m², (1\\.9|2\\.0|2\\.1) m wide near ");
        });
    }

    @Test
    void aCentimetreWideGapAlongAKilometreIsASliverButATwoMetreOneIsNot() {
        // given the north-west cell pulled back 1 cm from its sibling along their edge, then 2 m
        MetreGrid sliver = MetreGrid.clean().reshape(WEST_NORTH, MetreGrid.rect(0, 1000.01, 1000, 2000));
        MetreGrid real = MetreGrid.clean().reshape(WEST_NORTH, MetreGrid.rect(0, 1002, 1000, 2000));

        // when
        ValidationReport narrow = new GridValidator().validate(sliver.file());
        ValidationReport wide = new GridValidator().validate(real.file());

        // then the first is a warning, the second a gap of 2,000 m², 2 m wide
        assertThat(narrow.usable()).isTrue();
        assertThat(narrow.slivers(DefectKind.GAP)).singleElement()
                .satisfies(s -> assertThat(s.areaM2().getAsDouble()).isCloseTo(10, Offset.offset(0.1)));
        assertThat(wide.usable()).isFalse();
        assertThat(wide.defects(DefectKind.GAP)).singleElement()
                .satisfies(d -> assertThat(d.widthM().getAsDouble()).isCloseTo(2.0, Offset.offset(0.15)));
    }

    @Test
    void theSliverWidthMustBeAFiniteNumberNotBelowZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ValidationOptions(1.0, -0.01));
        assertThatIllegalArgumentException().isThrownBy(() -> new ValidationOptions(1.0, Double.NaN));
    }
}
