package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gas;
import static io.gridwatch.rules.Fixtures.gasDetector;
import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.heat;
import static io.gridwatch.rules.Fixtures.heatDetector;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.second;
import static io.gridwatch.rules.Fixtures.smoke;
import static io.gridwatch.rules.Fixtures.smokeDetector;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrgencyTest {

    @Test
    void aDetectorsOwnAlarmIsUrgentWhateverItsValue() {
        assertThat(Urgency.of(smokeDetector(null), smoke(second(0), 0.1, true))).isTrue();
        assertThat(Urgency.of(gasDetector(null, null), gas(second(0), 1.0, true))).isTrue();
        assertThat(Urgency.of(heatDetector(null, null), heat(second(0), 21.0, true))).isTrue();
    }

    @Test
    void aValueAtTheKindsLowestLineIsUrgentAndJustBelowItIsNot() {
        assertThat(Urgency.of(smokeDetector(null), smoke(second(0), 4.0, false))).isTrue();
        assertThat(Urgency.of(smokeDetector(null), smoke(second(0), 3.99, false))).isFalse();
        assertThat(Urgency.of(gasDetector(null, null), gas(second(0), 20.0, false))).isTrue();
        assertThat(Urgency.of(gasDetector(null, null), gas(second(0), 19.9, false))).isFalse();
        assertThat(Urgency.of(heatDetector(null, null), heat(second(0), 57.0, false))).isTrue();
        assertThat(Urgency.of(heatDetector(null, null), heat(second(0), 56.9, false))).isFalse();
    }

    @Test
    void aDevicesOwnLinesReplaceTheKindsDefaults() {
        assertThat(Urgency.of(smokeDetector(1.5), smoke(second(0), 1.5, false))).isTrue();
        assertThat(Urgency.of(gauge(2.0, 3.0), level(second(0), 2.0))).isTrue();
        assertThat(Urgency.of(gauge(2.0, 3.0), level(second(0), 1.9))).isFalse();
    }

    @Test
    void aGaugeWithoutLinesIsNeverUrgentOnItsLevelAlone() {
        assertThat(Urgency.of(gauge(null, null), level(second(0), 500.0))).isFalse();
    }
}
