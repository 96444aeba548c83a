package io.gridwatch.simulator.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WaterSignalsTest {

    @Test
    void theBundledLindauSeriesHoldsAYearOfQuarterHours() {
        WaterLevelSeries lindau = WaterLevelSeries.lindau();

        assertThat(lindau.size()).isEqualTo(35_117);
        assertThat(lindau.min()).isEqualTo(394.59);
        assertThat(lindau.max()).isEqualTo(396.35);
        assertThat(lindau.span()).isBetween(364 * 86_400.0, 366 * 86_400.0);
    }

    @Test
    void aSeriesIsReadInTimeOrderWhateverTheRowOrderAndInterpolatedBetweenSamples() throws Exception {
        String csv = "\"date\",\"water_level_m_nhn\",\"water_level_cm_lake\"\n"
                + "2025-01-01 00:30:00,2.0,0\n2025-01-01,1.0,0\n2025-01-01 00:15:00,,0\n";
        WaterLevelSeries series = WaterLevelSeries.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(series.size()).isEqualTo(2);
        assertThat(series.at(0)).isEqualTo(1.0);
        assertThat(series.at(900)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void aGaugeReplaysTheLakeBelowItsWarningLineAllYear() {
        GaugeSignal gauge = new GaugeSignal(WaterLevelSeries.lindau(), 1, 5, 2.0, 2.8, 3_600, null);
        for (double t = 0; t < 9_000; t += 60) {
            assertThat(gauge.level(t)).isBetween(0.2, 1.6);
        }
    }

    @Test
    void aQuietGaugeNeverRisesTenCentimetresInTenMinutes() {
        // at the default replay speed (an hour of the lake per minute) over a simulated day
        GaugeSignal gauge = new GaugeSignal(WaterLevelSeries.lindau(), 2, 9, 2.2, 3.0, 60, null);
        for (double t = 0; t < 86_400; t += 60) {
            assertThat(Math.abs(gauge.level(t + 600) - gauge.level(t))).isLessThan(0.10);
        }
    }

    @Test
    void aSurgeCarriesTheLevelAcrossWarnAndDangerAndBack() {
        Surge surge = new Surge(100, 600, 300, 600);
        GaugeSignal gauge = new GaugeSignal(WaterLevelSeries.lindau(), 3, 1, 2.0, 2.8, 60, surge);

        assertThat(gauge.level(50)).isLessThan(2.0);
        assertThat(gauge.level(100 + 600 + 100)).isCloseTo(2.8 + GaugeSignal.OVERSHOOT, within(0.001));
        assertThat(gauge.level(100 + 600 + 300 + 700)).isLessThan(2.0);
        // rising at least 0.10 m in 10 minutes
        assertThat(gauge.level(600) - gauge.level(0)).isGreaterThanOrEqualTo(0.10);
    }

    @Test
    void aBatteryDrainsSlowlyAndNeverBelowZero() {
        Battery battery = new Battery(16, 0.5);

        assertThat(battery.percent(0)).isEqualTo(16);
        assertThat(battery.percent(3 * 3_600)).isEqualTo(14);
        assertThat(battery.percent(1_000 * 3_600)).isZero();
    }

    @Test
    void aFewNearlyFlatBatteriesCrossTheLowLineWithinHoursAndTheRestLastYears() {
        int low = 0;
        for (long device = 0; device < 10_000; device++) {
            Battery battery = Battery.of(1, device, 100);
            if (battery.percent(0) < 20) {
                low++;
                assertThat(battery.percent(0)).isEqualTo(15);
                assertThat(battery.percent(3 * 3_600)).isLessThan(15);
            } else {
                assertThat(battery.percent(0) - battery.percent(24 * 3_600)).isLessThanOrEqualTo(2);
            }
        }
        assertThat(low).isBetween(60, 140);
    }

    @Test
    void aFewDevicesFallSilentAndStaySilent() {
        long silent = 0;
        for (long device = 0; device < 10_000; device++) {
            Silence silence = Silence.of(1, device, 200);
            if (silence.at(1_800)) {
                silent++;
                assertThat(silence.at(silence.from() + 1e6)).isTrue();
                assertThat(silence.at(119)).isFalse();
            }
        }
        assertThat(silent).isBetween(20L, 100L);
    }
}
