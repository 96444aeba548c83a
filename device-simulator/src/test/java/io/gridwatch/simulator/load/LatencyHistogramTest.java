package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfOneToAThousandMillisecondsAreWhereTheyShouldBe() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1_000; ms++) {
            histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        assertThat(histogram.count()).isEqualTo(1_000);
        assertThat(histogram.percentileMillis(50)).isCloseTo(500, within(1.0));
        assertThat(histogram.percentileMillis(95)).isCloseTo(950, within(1.0));
        assertThat(histogram.percentileMillis(99)).isCloseTo(990, within(1.0));
        assertThat(histogram.maxMillis()).isCloseTo(1_000, within(1.0));
    }

    @Test
    void subMillisecondLatenciesKeepTheirPrecision() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.recordNanos(250_000);

        assertThat(histogram.percentileMillis(50)).isCloseTo(0.25, within(0.001));
    }

    @Test
    void anEmptyHistogramReportsZeroAndExtremesAreClamped() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.percentileMillis(99)).isZero();

        histogram.recordNanos(-5);
        histogram.recordNanos(TimeUnit.HOURS.toNanos(2));

        assertThat(histogram.count()).isEqualTo(2);
        assertThat(histogram.maxMillis()).isCloseTo(600_000, within(600.0));
    }
}
