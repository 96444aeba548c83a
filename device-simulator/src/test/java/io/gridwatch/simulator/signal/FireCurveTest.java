package io.gridwatch.simulator.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FireCurveTest {

    private final FireCurve curve = new FireCurve(20);

    @Test
    void aFireAddsNothingBeforeItsSmokeArrives() {
        assertThat(curve.obscuration(-1)).isZero();
    }

    @Test
    void smokeRisesToTheAlarmLineAMinuteAfterItArrivesAndKeepsRising() {
        assertThat(curve.secondsToReach(4.0)).isCloseTo(60, within(0.01));
        assertThat(curve.obscuration(59)).isLessThan(4.0);
        assertThat(curve.obscuration(61)).isGreaterThan(4.0);
        assertThat(curve.obscuration(120)).isGreaterThan(curve.obscuration(90));
    }

    @Test
    void smokeLevelsOffAtDenseSmoke() {
        assertThat(curve.obscuration(10_000)).isEqualTo(FireCurve.MAX);
    }
}
