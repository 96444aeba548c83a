package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.second;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline detection; a reading's receipt time equals its timestamp unless a test says otherwise. */
class OfflineDetectorTest {

    private final OfflineDetector detector = new OfflineDetector(RuleSettings.DEFAULTS);
    private OfflineState state = OfflineState.INITIAL;

    private Decision read(long second) {
        return read(second(second), second(second));
    }

    private Decision read(Instant ts, Instant receivedAt) {
        Outcome<OfflineState> outcome = detector.apply(state, gauge(null, null), level(ts, 1.0, receivedAt));
        state = outcome.state();
        return outcome.decision();
    }

    private Decision tick(long second) {
        Outcome<OfflineState> outcome = detector.onTick(state, Fixtures.GAUGE_ID, second(second));
        state = outcome.state();
        return outcome.decision();
    }

    @Test
    void silenceOfThreeLearnedIntervalsIsOfflineOnceAndTheNextReadingBringsItBack() {
        for (long s = 0; s <= 360; s += 120) {
            read(s);
        }

        Decision justBefore = tick(719);
        Decision atTheDeadline = tick(720);
        Decision later = tick(800);
        Decision back = read(900);

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofSeconds(120));
        assertThat(justBefore).isEqualTo(Decision.NONE);
        assertThat(atTheDeadline).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.OFFLINE);
            assertThat(raise.severity()).isEqualTo(Severity.MINOR);
            assertThat(raise.value()).isEqualTo(360.0);
            assertThat(raise.at()).isEqualTo(second(720));
            assertThat(raise.reason().text()).isEqualTo("no reading for 360 s, 3 times its usual interval of 120 s");
        });
        assertThat(later).isEqualTo(Decision.NONE);
        assertThat(back).isInstanceOfSatisfying(Decision.Clear.class, clear -> {
            assertThat(clear.kind()).isEqualTo(AlertKind.OFFLINE);
            assertThat(clear.value()).isEqualTo(540.0);
        });
        assertThat(state.offline()).isFalse();
    }

    @Test
    void untilAGapIsSeenTheDefaultIntervalApplies() {
        read(0);

        assertThat(detector.deadline(state)).contains(second(180));
        assertThat(tick(179)).isEqualTo(Decision.NONE);
        assertThat(tick(180)).isInstanceOf(Decision.Raise.class);
    }

    @Test
    void whileLearningTheLongestGapSeenCountsSoASlowGaugeIsNotDeclaredOffline() {
        read(0);
        read(900);

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofMinutes(15));
        assertThat(tick(900 + 2699)).isEqualTo(Decision.NONE);
    }

    @Test
    void aSlowGaugeDeclaredOfflineWhileUnknownIsNotDeclaredAgainOnceItsGapIsKnown() {
        read(0);
        assertThat(tick(180)).isInstanceOf(Decision.Raise.class);

        assertThat(read(900)).isInstanceOf(Decision.Clear.class);

        assertThat(detector.deadline(state)).contains(second(900 + 2700));
    }

    @Test
    void theMedianShrugsOffOneLongGap() {
        long[] seconds = {0, 60, 120, 3720, 3780, 3840, 3900};
        for (long s : seconds) {
            read(s);
        }

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theIntervalIsNeverTakenShorterThanTheMinimum() {
        for (long s = 0; s <= 50; s += 5) {
            read(s);
        }

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofSeconds(30));
        assertThat(detector.deadline(state)).contains(second(50 + 90));
    }

    @Test
    void aBacklogUploadedInABurstTeachesTheDevicesCadenceNotTheArrivalRate() {
        Instant reconnect = second(10_000);
        for (long s = 0; s <= 600; s += 120) {
            read(second(s), reconnect);
        }

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofSeconds(120));
        assertThat(state.lastHeard()).isEqualTo(reconnect);
    }

    @Test
    void aLateReadingProvesTheDeviceAliveButTeachesNoInterval() {
        read(0);
        read(60);
        read(120);

        read(second(30), second(150));

        assertThat(state.intervals()).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(state.lastHeard()).isEqualTo(second(150));
        assertThat(state.newest()).isEqualTo(second(120));
    }

    @Test
    void aDeviceNeverHeardFromIsNotJudged() {
        assertThat(detector.deadline(state)).isEmpty();
        assertThat(tick(1_000_000)).isEqualTo(Decision.NONE);
    }

    @Test
    void aStateRestoredFromStoredTimesJudgesAtOnceWithTheDevicesCadence() {
        List<Instant> stored = List.of(second(600), second(0), second(300), second(900));

        state = OfflineState.restore(second(905), stored, false);

        assertThat(detector.usualInterval(state)).isEqualTo(Duration.ofMinutes(5));
        assertThat(detector.deadline(state)).contains(second(905 + 900));
    }

    @Test
    void aStateRestoredAsOfflineClearsOnTheNextReading() {
        state = OfflineState.restore(second(0), List.of(), true);

        assertThat(read(500)).isInstanceOf(Decision.Clear.class);
    }
}
