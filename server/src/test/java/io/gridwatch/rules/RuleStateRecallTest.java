package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.heat;
import static io.gridwatch.rules.Fixtures.heatDetector;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.minute;
import static io.gridwatch.rules.Fixtures.second;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A device that reconnects to another node of a cluster mid-incident: the new node recalls its state from what the
 * database keeps (unresolved alerts, recent readings) and must go on exactly as the node that had been judging it.
 */
class RuleStateRecallTest {

    private final RuleEngine engine = new RuleEngine(RuleSettings.DEFAULTS);

    @Test
    void aWaterLevelClearHoldThatBeganOnTheFirstNodeEndsOnTheSecondWhenItWouldHaveEnded() {
        Device gauge = gauge(2.0, 3.0);
        List<Reading> readings = new ArrayList<>();
        // over the warn line for two minutes, then under it (minus the margin) from minute 2: clear 10 min later
        double[] levels = {2.1, 2.1, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9};
        for (int i = 0; i < levels.length; i++) {
            readings.add(level(minute(i), levels[i]));
        }
        int moved = 6;

        List<String> uninterrupted = judgedAfter(engine, new DeviceRuleState(gauge.id()), gauge, readings, moved);
        List<String> recalled = judgedAfter(engine, recallAt(gauge, readings, moved), gauge, readings, moved);

        assertThat(uninterrupted).containsExactly("clear water_level at " + minute(12));
        assertThat(recalled).isEqualTo(uninterrupted);
    }

    @Test
    void aRiseThatBeganOnTheFirstNodeIsSeenByTheSecond() {
        Device detector = heatDetector(null, null);
        List<Reading> readings = List.of(heat(second(0), 26.0, false), heat(second(15), 29.0, false),
                heat(second(30), 32.0, false), heat(second(45), 35.0, false));

        List<String> recalled = judgedAfter(engine, recallAt(detector, readings, 3), detector, readings, 3);

        assertThat(recalled).containsExactly("raise heat CRITICAL at " + second(45));
    }

    @Test
    void aDeviceDeclaredOfflineByAnyNodeIsClearedByItsNextReadingHere() {
        Device gauge = gauge(2.0, 3.0);
        List<Reading> before = List.of(level(minute(0), 1.0), level(minute(1), 1.0), level(minute(2), 1.0));

        DeviceRuleState state = engine.recall(gauge, Map.of(AlertKind.OFFLINE, Severity.MINOR), before, minute(2));
        List<Decision> next = engine.onReading(state, gauge, level(minute(20), 1.0));

        assertThat(next).singleElement().isInstanceOf(Decision.Clear.class)
                .extracting(d -> ((Decision.Clear) d).kind()).isEqualTo(AlertKind.OFFLINE);
    }

    @Test
    void theReportingIntervalLearnedElsewhereSetsTheOfflineDeadlineHere() {
        Device gauge = gauge(2.0, 3.0);
        List<Reading> every15Minutes = List.of(level(minute(0), 1.0), level(minute(15), 1.0), level(minute(30), 1.0),
                level(minute(45), 1.0));

        DeviceRuleState state = engine.recall(gauge, Map.of(), every15Minutes, minute(45));

        assertThat(engine.offlineDeadline(state)).contains(minute(45).plus(Duration.ofMinutes(45)));
    }

    @Test
    void anUnresolvedAlertTheReplayDoesNotExplainStillStandsSoThatItCanClear() {
        Device detector = heatDetector(null, null);

        DeviceRuleState state = engine.recall(detector, Map.of(AlertKind.HEAT, Severity.CRITICAL), List.of(), second(0));
        List<String> later = new ArrayList<>();
        for (int s = 0; s <= 120; s += 15) {
            engine.onReading(state, detector, heat(second(s), 20.0, false)).forEach(d -> later.add(describe(d)));
        }

        assertThat(later).singleElement().asString().startsWith("clear heat");
    }

    /** The state a node that never judged the device recalls just before {@code readings[moved]}. */
    private DeviceRuleState recallAt(Device device, List<Reading> readings, int moved) {
        DeviceRuleState elsewhere = new DeviceRuleState(device.id());
        Map<AlertKind, Severity> open = new HashMap<>();
        for (Reading reading : readings.subList(0, moved)) {
            for (Decision decision : engine.onReading(elsewhere, device, reading)) {
                if (decision instanceof Decision.Raise raise) {
                    open.put(raise.kind(), raise.severity());
                }
            }
        }
        return engine.recall(device, open, readings.subList(0, moved), readings.get(moved - 1).receivedAt());
    }

    /** What the engine decides from {@code readings[from]} on, {@code state} having seen those before. */
    private static List<String> judgedAfter(RuleEngine engine, DeviceRuleState state, Device device,
            List<Reading> readings, int from) {
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            List<Decision> made = engine.onReading(state, device, readings.get(i));
            if (i >= from) {
                // a repeat is the same alert reported again (a count in the database), not a new decision
                made.stream().filter(d -> !(d instanceof Decision.Raise raise && raise.repeat()))
                        .forEach(d -> decisions.add(describe(d)));
            }
        }
        return decisions;
    }

    private static String describe(Decision decision) {
        if (decision instanceof Decision.Raise raise) {
            return "raise " + raise.kind().id() + " " + raise.severity() + " at " + raise.at();
        }
        Decision.Clear clear = (Decision.Clear) decision;
        return "clear " + clear.kind().id() + " at " + clear.at();
    }
}
