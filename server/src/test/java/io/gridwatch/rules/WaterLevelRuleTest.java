package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic series; the real one is in {@link LindauReplayTest}. Lines at 2.00 m (warn) and 2.50 m (danger). */
class WaterLevelRuleTest {

    private final WaterLevelRule rule = new WaterLevelRule(RuleSettings.DEFAULTS);
    private final Device gauge = gauge(2.00, 2.50);

    private Replay<WaterLevelState> replay(Device device) {
        return new Replay<>(rule, WaterLevelState.INITIAL, device);
    }

    /** Levels {@code stepMinutes} apart, starting at minute {@code from}. */
    private static List<Reading> series(double from, double stepMinutes, double... levels) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            readings.add(level(minute(from + i * stepMinutes), levels[i]));
        }
        return readings;
    }

    private static double[] constant(double level, int count) {
        double[] levels = new double[count];
        Arrays.fill(levels, level);
        return levels;
    }

    @Test
    void crossingWarnIsMajorThenGoingOverDangerIsCritical() {
        // 9 cm per 10 minutes: slow enough that only the lines speak
        List<Reading> rising = series(0, 10, 1.95, 2.00, 2.09, 2.18, 2.27, 2.36, 2.45, 2.50, 2.51);

        Replay<WaterLevelState> run = replay(gauge).feedAll(rising);

        assertThat(run.decisions.get(0)).isEqualTo(Decision.NONE);
        assertThat(run.newRaises()).extracting(Decision.Raise::severity)
                .containsExactly(Severity.MAJOR, Severity.CRITICAL);
        assertThat(run.newRaises()).extracting(Decision.Raise::value).containsExactly(2.00, 2.51);
        assertThat(run.raises()).hasSize(8);
        assertThat(run.decisions.get(7)).as("at the danger line is not over it")
                .isInstanceOfSatisfying(Decision.Raise.class, r -> assertThat(r.severity()).isEqualTo(Severity.MAJOR));
        assertThat(run.newRaises().get(1).reason().text()).contains("over the danger line 2.500 m");
        assertThat(run.clears()).isEmpty();
    }

    @Test
    void theSeverityDoesNotFallWhileTheLevelStaysOverWarn() {
        Replay<WaterLevelState> run = replay(gauge).feedAll(series(0, 10, 2.55, 2.30, 2.10));

        assertThat(run.raises()).extracting(Decision.Raise::severity).containsOnly(Severity.CRITICAL);
        assertThat(run.raises()).extracting(Decision.Raise::repeat).containsExactly(false, true, true);
        assertThat(run.raises()).extracting(Decision.Raise::value).containsExactly(2.55, 2.30, 2.10);
    }

    @Test
    void aGaugeHoveringTwoCentimetresAroundWarnRaisesOnceAndNeverFlaps() {
        double[] levels = new double[240];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i % 2 == 0 ? 1.98 : 2.02;
        }

        Replay<WaterLevelState> run = replay(gauge).feedAll(series(0, 1, levels));

        assertThat(run.newRaises()).hasSize(1);
        assertThat(run.newRaises().get(0).at()).isEqualTo(minute(1));
        assertThat(run.clears()).isEmpty();
    }

    @Test
    void fallingUnderTheClearLineForLessThanTheHoldKeepsItRaised() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feed(level(minute(0), 2.05));

        // under 1.95 m (warn minus 5 cm) from minute 1 to minute 10: nine minutes
        run.feedAll(series(1, 1, 1.94, 1.93, 1.92, 1.90, 1.90, 1.89, 1.90, 1.90, 1.88, 1.88));

        assertThat(run.clears()).isEmpty();
        assertThat(run.state().latch().isRaised()).isTrue();
    }

    @Test
    void stayingUnderTheClearLineForTheHoldClearsIt() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feed(level(minute(0), 2.05));

        run.feedAll(series(1, 1, 1.94, 1.93, 1.92, 1.90, 1.90, 1.89, 1.90, 1.90, 1.88, 1.88, 1.87));

        assertThat(run.clears()).singleElement().satisfies(clear -> {
            assertThat(clear.at()).isEqualTo(minute(11));
            assertThat(clear.value()).isEqualTo(1.87);
            assertThat(clear.reason().text()).contains("under 1.950 m").contains("for 10 min");
        });
        assertThat(run.decisions.subList(1, 11)).containsOnly(Decision.NONE);
        assertThat(run.state().latch().isRaised()).isFalse();
    }

    @Test
    void aLevelBackInTheMarginBandRestartsTheHold() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feed(level(minute(0), 2.05));

        run.feedAll(series(1, 1, 1.90, 1.90, 1.90, 1.90, 1.90, 1.97, 1.90, 1.90, 1.90, 1.90, 1.90, 1.90));
        Decision tenMinutesAfterTheBand = run.feed(level(minute(17), 1.90));

        assertThat(run.clears()).hasSize(1);
        assertThat(tenMinutesAfterTheBand).isInstanceOf(Decision.Clear.class);
    }

    @Test
    void aRiseOfTwelveCentimetresInEightMinutesBelowWarnIsMajor() {
        Replay<WaterLevelState> run = replay(gauge);

        run.feedAll(series(0, 2, 1.00, 1.03, 1.06, 1.09, 1.12));

        assertThat(run.decisions.subList(0, 4)).as("9 cm in 6 min is not yet 10 cm").containsOnly(Decision.NONE);
        assertThat(run.decisions.get(4)).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.MAJOR);
            assertThat(raise.kind()).isEqualTo(AlertKind.WATER_LEVEL);
            assertThat(raise.value()).isEqualTo(1.12);
            assertThat(raise.reason().text()).contains("rose 0.120 m in 8 min");
        });
    }

    @Test
    void theSameRiseSpreadOverLongerThanTheWindowRaisesNothing() {
        double[] levels = new double[31];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 1.00 + 0.01 * i;
        }

        // 1 cm every 2 minutes: 5 cm per window, 30 cm in the hour
        Replay<WaterLevelState> run = replay(gauge).feedAll(series(0, 2, levels));

        assertThat(run.decisions).containsOnly(Decision.NONE);
    }

    @Test
    void aGaugeThatReportsLessOftenThanTheWindowIsJudgedAtTheSameRate() {
        Replay<WaterLevelState> fast = replay(gauge);
        Replay<WaterLevelState> slow = replay(gauge);

        fast.feedAll(series(0, 15, 1.00, 1.16));
        slow.feedAll(series(0, 15, 1.00, 1.14));

        assertThat(fast.newRaises()).singleElement()
                .satisfies(raise -> assertThat(raise.reason().text()).contains("rose 0.160 m in 15 min"));
        assertThat(slow.decisions).containsOnly(Decision.NONE);
    }

    @Test
    void aRiseThatStopsClearsOnceItIsNoLongerFastForTheHold() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feedAll(series(0, 2, 1.00, 1.03, 1.06, 1.09, 1.12));

        // flat from minute 10 on; the 1.00 m of minute 0 keeps the rise "fast" until minute 12
        run.feedAll(series(10, 1, constant(1.12, 20)));

        assertThat(run.newRaises()).hasSize(1);
        assertThat(run.clears()).singleElement()
                .satisfies(clear -> assertThat(clear.at()).isEqualTo(minute(23)));
    }

    @Test
    void lateReadingsAreIgnoredForTheRise() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feed(level(minute(10), 1.00));

        Decision late = run.feed(level(minute(5), 0.80));
        Decision next = run.feed(level(minute(12), 1.01));

        // had the late 0.80 m counted, 1.01 m would be a 21 cm rise in 7 minutes
        assertThat(late).isEqualTo(Decision.NONE);
        assertThat(next).isEqualTo(Decision.NONE);
        assertThat(run.state().recent()).extracting(WaterLevelState.LevelPoint::level).containsExactly(1.00, 1.01);
    }

    @Test
    void aLateReadingOverWarnStillRaisesButALateLowOneCannotClear() {
        Replay<WaterLevelState> run = replay(gauge);
        run.feed(level(minute(30), 1.50));

        Decision lateHigh = run.feed(level(minute(10), 2.10));
        run.feedAll(series(11, 1, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50, 1.50));

        assertThat(lateHigh).isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.severity()).isEqualTo(Severity.MAJOR));
        assertThat(run.clears()).isEmpty();
        assertThat(run.feed(level(minute(31), 1.50))).isEqualTo(Decision.NONE);
        assertThat(run.feed(level(minute(41), 1.50))).isInstanceOf(Decision.Clear.class);
    }

    @Test
    void aGaugeWithOnlyADangerLineClearsUnderIt() {
        Replay<WaterLevelState> run = replay(gauge(null, 2.50));

        run.feedAll(series(0, 10, 2.40, 2.49, 2.55, 2.46, 2.44, 2.44));

        assertThat(run.newRaises()).extracting(Decision.Raise::severity).containsExactly(Severity.CRITICAL);
        assertThat(run.clears()).singleElement().satisfies(clear -> {
            assertThat(clear.at()).isEqualTo(minute(50));
            assertThat(clear.reason().text()).contains("under 2.450 m");
        });
    }

    @Test
    void aGaugeWithoutLinesIsJudgedOnItsRiseAlone() {
        Replay<WaterLevelState> run = replay(gauge(null, null));

        run.feedAll(series(0, 5, 50.0, 50.05, 50.20, 50.21, 50.21, 50.21, 50.21, 50.21));

        assertThat(run.newRaises()).singleElement().satisfies(raise -> assertThat(raise.at()).isEqualTo(minute(10)));
        assertThat(run.clears()).singleElement().satisfies(clear -> assertThat(clear.at()).isEqualTo(minute(35)));
    }

    @Test
    void theRememberedLevelsStayBounded() {
        double[] levels = new double[2000];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 1.0 + 0.0001 * i;
        }

        // a gauge reporting every second while rising steadily: every level is higher than the one before
        Replay<WaterLevelState> run = replay(gauge).feedAll(series(0, 1.0 / 60, levels));

        assertThat(run.state().recent()).hasSizeLessThanOrEqualTo(WaterLevelRule.MAX_RECENT);
    }
}
