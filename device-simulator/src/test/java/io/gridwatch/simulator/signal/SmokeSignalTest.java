package io.gridwatch.simulator.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeSignalTest {

    private static final double DAY_S = 86_400;

    @Test
    void aQuietDetectorReadsLowNoiseThatStaysBelowTheAlarmLineForAWeek() {
        // given many detectors
        double highest = 0;
        int spikeMinutes = 0;
        for (long device = 0; device < 50; device++) {
            SmokeSignal signal = new SmokeSignal(7, device);
            // when read every minute for a week
            for (double t = 0; t < 7 * DAY_S; t += 60) {
                double value = signal.obscuration(t);
                highest = Math.max(highest, value);
                if (signal.spike(t) > 0) {
                    spikeMinutes++;
                }
                // then never below the noise floor
                assertThat(value).isGreaterThanOrEqualTo(0.05);
            }
        }
        // then cooking spikes happen, but never reach the alarm
        assertThat(highest).isGreaterThan(1.0).isLessThan(SmokeSignal.SPIKE_CEILING).isLessThan(4.0);
        assertThat(spikeMinutes).isBetween(50 * 7 * 1, 50 * 7 * 12);
    }

    @Test
    void theSameSeedDeviceAndTimeGiveTheSameValue() {
        assertThat(new SmokeSignal(3, 9).obscuration(12_345.6)).isEqualTo(new SmokeSignal(3, 9).obscuration(12_345.6));
        assertThat(new SmokeSignal(3, 9).obscuration(100)).isNotEqualTo(new SmokeSignal(4, 9).obscuration(100));
    }
}
