package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.heat;
import static io.gridwatch.rules.Fixtures.heatDetector;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.second;
import static io.gridwatch.rules.Fixtures.smoke;
import static io.gridwatch.rules.Fixtures.smokeDetector;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.Device;
import org.junit.jupiter.api.Test;

class RiseUrgencyTest {

    private final RiseUrgency rises = new RiseUrgency();

    @Test
    void aHeatDetectorWarmingFastBelowItsLineIsUrgentThoughNoLineSaysSo() {
        Device detector = heatDetector(null, null);
        assertThat(rises.rising(detector, heat(second(0), 20.0, false))).isFalse(); // nothing to rise from yet
        // 5 °C in 30 s: 10 °C a minute, over the 8 the rule raises on, far under the 57 °C line
        assertThat(rises.rising(detector, heat(second(30), 25.0, false))).isTrue();
        assertThat(Urgency.of(detector, heat(second(30), 25.0, false))).isFalse();
        // then 1 °C in 30 s: 2 °C a minute, under half the rule's rate
        assertThat(rises.rising(detector, heat(second(60), 26.0, false))).isFalse();
    }

    @Test
    void aLateReadingNeitherRisesNorReplacesTheNewestValue() {
        Device detector = heatDetector(null, null);
        rises.rising(detector, heat(second(30), 25.0, false));
        // a reading measured before the newest one, however hot, is no rise
        assertThat(rises.rising(detector, heat(second(10), 40.0, false))).isFalse();
        // nor does a cool late one become the value the next is measured from: 26 °C at 60 s is 1 °C over the newest
        // 25 °C at 30 s (slow), not 16 °C over 10 °C at 10 s
        assertThat(rises.rising(detector, heat(second(12), 10.0, false))).isFalse();
        assertThat(rises.rising(detector, heat(second(60), 26.0, false))).isFalse();
    }

    @Test
    void aGaugeRisingAtTheRulesRateIsUrgentAndOneReportingTooSeldomIsNot() {
        Device gauge = gauge(null, null);
        rises.rising(gauge, level(second(0), 1.00));
        // 0.06 m in 5 min: faster than 0.10 m in 10 min
        assertThat(rises.rising(gauge, level(second(300), 1.06))).isTrue();
        // 0.50 m after 25 min: beyond twice the 10-minute window, the rules judge no rise over it either
        assertThat(rises.rising(gauge, level(second(1800), 1.56))).isFalse();
    }

    @Test
    void kindsWithoutARateOfRiseAreNeverUrgentByRise() {
        Device detector = smokeDetector(null);
        rises.rising(detector, smoke(second(0), 0.1, false));
        assertThat(rises.rising(detector, smoke(second(10), 3.9, false))).isFalse();
    }
}
