package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.second;
import static io.gridwatch.rules.Fixtures.smoke;
import static io.gridwatch.rules.Fixtures.smokeDetector;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Severity;
import org.junit.jupiter.api.Test;

class SmokeRuleTest {

    private final SmokeRule rule = new SmokeRule(RuleSettings.DEFAULTS);

    private Replay<Latch> replay(Device device) {
        return new Replay<>(rule, Latch.IDLE, device);
    }

    @Test
    void theDetectorsAlarmFlagIsCriticalWhateverTheObscuration() {
        Replay<Latch> detector = replay(smokeDetector(null));

        Decision decision = detector.feed(smoke(second(0), 0.3, true));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.SMOKE);
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.deviceId()).isEqualTo(Fixtures.SMOKE_ID);
            assertThat(raise.value()).isEqualTo(0.3);
            assertThat(raise.at()).isEqualTo(second(0));
            assertThat(raise.repeat()).isFalse();
            assertThat(raise.reason().text()).contains("alarm flag");
        });
    }

    @Test
    void obscurationAtTheDefaultLineIsCritical() {
        Replay<Latch> detector = replay(smokeDetector(null));

        Decision decision = detector.feed(smoke(second(0), 4.0, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.reason().text()).contains("default line 4.00 %/m");
        });
    }

    @Test
    void obscurationJustUnderTheDefaultLineRaisesNothing() {
        Replay<Latch> detector = replay(smokeDetector(null));

        Decision decision = detector.feed(smoke(second(0), 3.99, false));

        assertThat(decision).isEqualTo(Decision.NONE);
        assertThat(detector.state().isRaised()).isFalse();
    }

    @Test
    void aDevicesOwnLineOverridesTheDefaultBothWays() {
        Replay<Latch> sensitive = replay(smokeDetector(2.0));
        Replay<Latch> dusty = replay(smokeDetector(8.0));

        Decision atOwnLine = sensitive.feed(smoke(second(0), 2.0, false));
        Decision overDefaultUnderOwn = dusty.feed(smoke(second(0), 6.0, false));

        assertThat(atOwnLine).isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.reason().text()).contains("device's line 2.00 %/m"));
        assertThat(overDefaultUnderOwn).isEqualTo(Decision.NONE);
    }

    @Test
    void smokeThatPersistsRaisesAgainAsRepeats() {
        Replay<Latch> detector = replay(smokeDetector(null));

        detector.feed(smoke(second(0), 5.0, true));
        detector.feed(smoke(second(10), 7.5, true));
        detector.feed(smoke(second(20), 9.0, false));

        assertThat(detector.raises()).hasSize(3);
        assertThat(detector.newRaises()).hasSize(1);
        assertThat(detector.raises().get(2).value()).isEqualTo(9.0);
    }

    @Test
    void clearSmokeClearsOnlyAfterTheHoldTime() {
        Replay<Latch> detector = replay(smokeDetector(null));
        detector.feed(smoke(second(0), 6.0, true));

        Decision firstClean = detector.feed(smoke(second(10), 0.5, false));
        Decision puffAgain = detector.feed(smoke(second(40), 4.5, false));
        Decision cleanAgain = detector.feed(smoke(second(50), 0.4, false));
        Decision cleanFiftyNineSecondsLater = detector.feed(smoke(second(109), 0.3, false));
        Decision cleanSixtySecondsLater = detector.feed(smoke(second(110), 0.3, false));

        assertThat(firstClean).isEqualTo(Decision.NONE);
        assertThat(puffAgain).isInstanceOf(Decision.Raise.class);
        assertThat(cleanAgain).isEqualTo(Decision.NONE);
        assertThat(cleanFiftyNineSecondsLater).isEqualTo(Decision.NONE);
        assertThat(cleanSixtySecondsLater).isInstanceOfSatisfying(Decision.Clear.class, clear -> {
            assertThat(clear.kind()).isEqualTo(AlertKind.SMOKE);
            assertThat(clear.value()).isEqualTo(0.3);
            assertThat(clear.reason().text()).contains("for 60 s");
        });
    }

    @Test
    void aLateAlarmStillRaisesButALateCleanReadingCannotClear() {
        Replay<Latch> detector = replay(smokeDetector(null));
        detector.feed(smoke(second(100), 0.2, false));

        Decision lateAlarm = detector.feed(smoke(second(50), 6.0, true));
        Decision lateClean = detector.feed(smoke(second(60), 0.2, false));
        Decision lateCleanMuchLater = detector.feed(smoke(second(99), 0.2, false));

        assertThat(lateAlarm).isInstanceOf(Decision.Raise.class);
        assertThat(lateClean).isEqualTo(Decision.NONE);
        assertThat(lateCleanMuchLater).isEqualTo(Decision.NONE);
        assertThat(detector.state().isRaised()).isTrue();
    }
}
