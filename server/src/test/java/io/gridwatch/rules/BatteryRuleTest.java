package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.battery;
import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import org.junit.jupiter.api.Test;

class BatteryRuleTest {

    private final Replay<Latch> device = new Replay<>(new BatteryRule(RuleSettings.DEFAULTS), Latch.IDLE,
            gauge(null, null));

    @Test
    void aBatteryBelowFifteenPercentIsMinor() {
        Decision decision = device.feed(battery(minute(0), 14));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.BATTERY);
            assertThat(raise.severity()).isEqualTo(Severity.MINOR);
            assertThat(raise.value()).isEqualTo(14.0);
            assertThat(raise.reason().text()).isEqualTo("battery 14 % is below 15 %");
        });
    }

    @Test
    void fifteenPercentIsNotLow() {
        assertThat(device.feed(battery(minute(0), 15))).isEqualTo(Decision.NONE);
    }

    @Test
    void aLowBatteryClearsOnlyAtTwentyPercentSoItDoesNotFlap() {
        int[] charges = {14, 16, 19, 14, 18, 20, 19, 14};
        for (int i = 0; i < charges.length; i++) {
            device.feed(battery(minute(i), charges[i]));
        }

        assertThat(device.decisions).extracting(d -> d.getClass().getSimpleName())
                .containsExactly("Raise", "None", "None", "Raise", "None", "Clear", "None", "Raise");
        assertThat(device.newRaises()).extracting(Decision.Raise::at).containsExactly(minute(0), minute(7));
        assertThat(device.clears()).singleElement().satisfies(clear -> {
            assertThat(clear.at()).isEqualTo(minute(5));
            assertThat(clear.reason().text()).isEqualTo("battery 20 % is at or above 20 %");
        });
    }

    @Test
    void aReadingWithoutABatteryFigureChangesNothing() {
        device.feed(battery(minute(0), 10));

        Decision decision = device.feed(level(minute(1), 1.0));

        assertThat(decision).isEqualTo(Decision.NONE);
        assertThat(device.state().isRaised()).isTrue();
        assertThat(device.state().newest()).isEqualTo(minute(0));
    }
}
