package io.gridwatch.simulator.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulated gas and heat signals stay quiet without an incident and cross the server's lines with one. */
class GasAndHeatSignalTest {

    @Test
    void aQuietKitchenNeverComesNearTwentyPercentLelInADay() {
        for (int device = 0; device < 50; device++) {
            GasSignal kitchen = new GasSignal(1, device, Double.NaN);
            for (double s = 0; s < 86_400; s += 10) {
                assertThat(kitchen.lel(s)).as("device %d at %.0f s", device, s).isBetween(0.0, GasSignal.BUMP_CEILING);
            }
        }
    }

    @Test
    void aLeakCrossesTwentyWithinTwoMinutesAndFiftyWithinSix() {
        for (int device = 0; device < 50; device++) {
            GasSignal leak = new GasSignal(1, device, 100);
            assertThat(leak.lel(99)).isLessThan(GasSignal.BUMP_CEILING);
            assertThat(leak.lel(100 + 120)).as("device %d", device).isGreaterThanOrEqualTo(20);
            assertThat(leak.lel(100 + 360)).as("device %d", device).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void aQuietRoomStaysBetweenTwentyAndThirtyTwoDegrees() {
        for (int device = 0; device < 50; device++) {
            HeatSignal room = new HeatSignal(1, device, Double.NaN);
            for (double s = 0; s < 86_400; s += 60) {
                assertThat(room.temperature(s)).isBetween(19.0, 32.5);
            }
        }
    }

    @Test
    void aHeatingRoomRisesAtLeastEightDegreesAMinuteAndPassesFiftySevenWithinFourMinutes() {
        for (int device = 0; device < 50; device++) {
            HeatSignal fire = new HeatSignal(1, device, 60);
            assertThat(fire.temperature(120) - fire.temperature(60)).as("device %d", device)
                    .isGreaterThanOrEqualTo(8);
            assertThat(fire.temperature(60 + 240)).as("device %d", device).isGreaterThanOrEqualTo(57);
        }
    }
}
