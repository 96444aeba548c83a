package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.heat;
import static io.gridwatch.rules.Fixtures.heatDetector;
import static io.gridwatch.rules.Fixtures.second;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heat lines of ARCHITECTURE 3.7: critical on the alarm, at 57 °C, or on a rise of 8 °C per minute. */
class HeatRuleTest {

    private final HeatRule rule = new HeatRule();

    private Replay<HeatState> replay(Device device) {
        return new Replay<>(rule, HeatState.INITIAL, device);
    }

    @Test
    void exactlyFiftySevenDegreesIsCritical() {
        Decision decision = replay(heatDetector(null, null)).feed(heat(second(0), 57.0, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.HEAT);
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.value()).isEqualTo(57.0);
            assertThat(raise.reason().code()).isEqualTo("heat.over_danger");
            assertThat(raise.reason().values()).containsEntry("line", 57.0);
        });
    }

    @Test
    void justBelowIsQuiet() {
        assertThat(replay(heatDetector(null, null)).feed(heat(second(0), 56.9, false))).isEqualTo(Decision.NONE);
    }

    @Test
    void theDetectorsAlarmWithALowTemperatureIsCritical() {
        Decision decision = replay(heatDetector(null, null)).feed(heat(second(0), 24.0, true));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.reason().code()).isEqualTo("heat.alarm");
        });
    }

    @Test
    void risingEightDegreesWithinAMinuteIsCriticalWellBelowTheLine() {
        Replay<HeatState> detector = replay(heatDetector(null, null));

        detector.feedAll(List.of(heat(second(0), 26.0, false), heat(second(15), 28.0, false),
                heat(second(30), 30.0, false), heat(second(45), 32.0, false)));
        assertThat(detector.raises()).as("6 °C in 45 s is not yet 8").isEmpty();
        Decision decision = detector.feed(heat(second(60), 34.0, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.reason().code()).isEqualTo("heat.rise");
            assertThat(raise.reason().values()).containsEntry("rise_c", 8.0).containsEntry("span_s", 60L);
        });
    }

    @Test
    void justUnderEightDegreesPerMinuteIsQuiet() {
        Replay<HeatState> detector = replay(heatDetector(null, null));

        detector.feedAll(List.of(heat(second(0), 26.0, false), heat(second(30), 29.9, false),
                heat(second(60), 33.9, false), heat(second(90), 37.8, false)));

        assertThat(detector.raises()).isEmpty();
    }

    @Test
    void aSlowDetectorIsJudgedOnItsAverageRateOverTwoMinutes() {
        Replay<HeatState> detector = replay(heatDetector(null, null));

        detector.feedAll(List.of(heat(second(0), 25.0, false), heat(second(90), 37.0, false)));

        assertThat(detector.raises()).singleElement()
                .satisfies(raise -> assertThat(raise.reason().code()).isEqualTo("heat.rise"));
    }

    @Test
    void aLateReadingDoesNotMakeARise() {
        Replay<HeatState> detector = replay(heatDetector(null, null));

        detector.feedAll(List.of(heat(second(60), 40.0, false), heat(second(0), 20.0, false),
                heat(second(70), 41.0, false)));

        assertThat(detector.raises()).isEmpty();
    }

    @Test
    void aRoomHoveringAtTheLineRaisesOnceAndNeverFlaps() {
        Replay<HeatState> detector = replay(heatDetector(null, null));
        double[] hovering = {56.5, 57.1, 56.8, 57.0, 55.9, 57.2, 56.1, 57.0, 53.0};

        for (int i = 0; i < hovering.length; i++) {
            detector.feed(heat(second(30L * i), hovering[i], false));
        }

        assertThat(detector.newRaises()).hasSize(1);
        assertThat(detector.clears()).isEmpty();
    }

    @Test
    void itClearsAfterAMinuteFiveDegreesUnderTheLine() {
        Replay<HeatState> detector = replay(heatDetector(null, null));
        detector.feed(heat(second(0), 60.0, false));

        detector.feedAll(List.of(heat(second(30), 51.0, false), heat(second(60), 50.0, false)));
        Decision clear = detector.feed(heat(second(90), 49.0, false));

        assertThat(clear).isInstanceOfSatisfying(Decision.Clear.class,
                c -> assertThat(c.reason().code()).isEqualTo("heat.clear"));
    }

    @Test
    void aDevicesOwnWarnLineIsMajorAndItsDangerLineReplacesFiftySeven() {
        Replay<HeatState> detector = replay(heatDetector(45.0, 65.0));

        detector.feedAll(List.of(heat(second(0), 46.0, false), heat(second(300), 60.0, false),
                heat(second(600), 66.0, false)));

        assertThat(detector.newRaises()).extracting(Decision.Raise::severity)
                .containsExactly(Severity.MAJOR, Severity.CRITICAL);
        assertThat(detector.newRaises().get(1).value()).isEqualTo(66.0);
    }
}
