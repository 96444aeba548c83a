package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gas;
import static io.gridwatch.rules.Fixtures.gasDetector;
import static io.gridwatch.rules.Fixtures.second;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gas lines of ARCHITECTURE 3.7 (GB 15322: 20 %LEL major, 50 %LEL critical), at and around the edges. */
class GasRuleTest {

    private final GasRule rule = new GasRule();

    private Replay<Latch> replay(Device device) {
        return new Replay<>(rule, Latch.IDLE, device);
    }

    @Test
    void exactlyTwentyPercentLelIsMajor() {
        Decision decision = replay(gasDetector(null, null)).feed(gas(second(0), 20.0, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.GAS);
            assertThat(raise.severity()).isEqualTo(Severity.MAJOR);
            assertThat(raise.value()).isEqualTo(20.0);
            assertThat(raise.reason().code()).isEqualTo("gas.over_warn");
            assertThat(raise.reason().values()).isEqualTo(Map.of("lel", 20.0, "line", 20.0));
        });
    }

    @Test
    void justBelowTwentyIsQuiet() {
        assertThat(replay(gasDetector(null, null)).feed(gas(second(0), 19.9, false))).isEqualTo(Decision.NONE);
    }

    @Test
    void exactlyFiftyPercentLelIsCritical() {
        Decision decision = replay(gasDetector(null, null)).feed(gas(second(0), 50.0, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.reason().code()).isEqualTo("gas.over_danger");
        });
    }

    @Test
    void justBelowFiftyIsOnlyMajor() {
        Decision decision = replay(gasDetector(null, null)).feed(gas(second(0), 49.9, false));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.severity()).isEqualTo(Severity.MAJOR));
    }

    @Test
    void theDetectorsAlarmWithALowValueIsCritical() {
        Decision decision = replay(gasDetector(null, null)).feed(gas(second(0), 3.0, true));

        assertThat(decision).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(raise.reason().code()).isEqualTo("gas.alarm");
            assertThat(raise.reason().values()).containsEntry("lel", 3.0);
        });
    }

    @Test
    void aValueHoveringAtTheLineRaisesOnceAndNeverFlaps() {
        Replay<Latch> detector = replay(gasDetector(null, null));
        double[] hovering = {19.5, 20.2, 19.8, 20.0, 18.9, 20.4, 19.1, 20.1, 19.7, 16.0};

        for (int i = 0; i < hovering.length; i++) {
            detector.feed(gas(second(10L * i), hovering[i], false));
        }

        assertThat(detector.newRaises()).singleElement()
                .satisfies(raise -> assertThat(raise.severity()).isEqualTo(Severity.MAJOR));
        assertThat(detector.clears()).isEmpty();
    }

    @Test
    void itClearsOnlyAfterAMinuteClearlyUnderTheLowestLine() {
        Replay<Latch> detector = replay(gasDetector(null, null));
        detector.feed(gas(second(0), 35.0, false));

        detector.feedAll(List.of(gas(second(10), 14.0, false), gas(second(40), 14.9, false)));
        assertThat(detector.clears()).as("30 s under the line is not yet clear").isEmpty();
        Decision clear = detector.feed(gas(second(70), 2.0, false));

        assertThat(clear).isInstanceOfSatisfying(Decision.Clear.class, c -> {
            assertThat(c.kind()).isEqualTo(AlertKind.GAS);
            assertThat(c.reason().code()).isEqualTo("gas.clear");
            assertThat(c.reason().values()).containsEntry("after_s", 60L);
        });
    }

    @Test
    void aReadingInTheMarginRestartsTheHold() {
        Replay<Latch> detector = replay(gasDetector(null, null));
        detector.feed(gas(second(0), 25.0, false));

        detector.feedAll(List.of(gas(second(10), 5.0, false), gas(second(50), 17.0, false),
                gas(second(80), 5.0, false), gas(second(130), 5.0, false)));

        assertThat(detector.clears()).as("17 %LEL lies within 5 of the line").isEmpty();
    }

    @Test
    void theAlarmFlagKeepsItFromClearing() {
        Replay<Latch> detector = replay(gasDetector(null, null));
        detector.feed(gas(second(0), 2.0, true));

        detector.feedAll(List.of(gas(second(30), 1.0, true), gas(second(90), 1.0, true)));

        assertThat(detector.clears()).isEmpty();
    }

    @Test
    void aDevicesOwnLinesOverrideTheDefaults() {
        Replay<Latch> detector = replay(gasDetector(10.0, 25.0));

        detector.feedAll(List.of(gas(second(0), 12.0, false), gas(second(10), 26.0, false)));

        assertThat(detector.newRaises()).extracting(Decision.Raise::severity)
                .containsExactly(Severity.MAJOR, Severity.CRITICAL);
        assertThat(detector.newRaises().get(1).reason().values()).containsEntry("line", 25.0);
    }

    @Test
    void aDevicesWarnAloneKeepsTheDefaultDanger() {
        Replay<Latch> detector = replay(gasDetector(10.0, null));

        assertThat(detector.feed(gas(second(0), 45.0, false))).isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.severity()).isEqualTo(Severity.MAJOR));
        assertThat(detector.feed(gas(second(10), 50.0, false))).isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.severity()).isEqualTo(Severity.CRITICAL));
    }
}
