package io.gridwatch.rules;

import static io.gridwatch.rules.Fixtures.gauge;
import static io.gridwatch.rules.Fixtures.level;
import static io.gridwatch.rules.Fixtures.minute;
import static io.gridwatch.rules.Fixtures.second;
import static io.gridwatch.rules.Fixtures.smoke;
import static io.gridwatch.rules.Fixtures.smokeDetector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RuleEngineTest {

    private static final SmokeRule SMOKE = new SmokeRule(RuleSettings.DEFAULTS);
    private static final WaterLevelRule WATER = new WaterLevelRule(RuleSettings.DEFAULTS);
    private static final BatteryRule BATTERY = new BatteryRule(RuleSettings.DEFAULTS);
    private static final OfflineDetector OFFLINE = new OfflineDetector(RuleSettings.DEFAULTS);

    private final RuleEngine engine = new RuleEngine(RuleSettings.DEFAULTS);

    @Test
    void aSmokeDetectorsReadingRunsTheSmokeBatteryAndOfflineRules() {
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);

        List<Decision> decisions = engine.onReading(state, smokeDetector(null), smoke(second(0), 6.0, true, 9));

        assertThat(decisions).hasSize(2).allMatch(Decision.Raise.class::isInstance);
        assertThat(decisions).map(d -> ((Decision.Raise) d).kind()).containsExactly(AlertKind.SMOKE, AlertKind.BATTERY);
        assertThat(state.of(SMOKE).isRaised()).isTrue();
        assertThat(state.of(BATTERY).isRaised()).isTrue();
        assertThat(state.of(OFFLINE).lastHeard()).isEqualTo(second(0));
        assertThat(state.of(WATER)).isEqualTo(WaterLevelState.INITIAL);
    }

    @Test
    void aGaugesReadingRunsTheWaterLevelRuleAndNotTheSmokeRule() {
        DeviceRuleState state = new DeviceRuleState(Fixtures.GAUGE_ID);

        List<Decision> decisions = engine.onReading(state, gauge(2.0, 2.5), level(minute(0), 2.6));

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.WATER_LEVEL);
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(state.of(SMOKE)).isEqualTo(Latch.IDLE);
    }

    @Test
    void nothingToReportGivesAnEmptyList() {
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);

        assertThat(engine.onReading(state, smokeDetector(null), smoke(second(0), 0.1, false, 90))).isEmpty();
    }

    @Test
    void oneRuleThrowingDoesNotStopTheOthers() {
        RuleSettings settings = RuleSettings.DEFAULTS;
        ReadingRule<Latch> broken = (state, device, reading) -> {
            throw new IllegalStateException("broken on purpose");
        };
        RuleEngine fragile = new RuleEngine(List.of(new BrokenSmoke(broken), new WaterLevelRule(settings),
                new GasRule(), new HeatRule(), new BatteryRule(settings), new OfflineDetector(settings)));
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);
        ListAppender<ILoggingEvent> log = captureEngineLog();

        List<Decision> first;
        List<Decision> second;
        try {
            first = fragile.onReading(state, smokeDetector(null), smoke(second(0), 9.0, true, 5));
            second = fragile.onReading(state, smokeDetector(null), smoke(second(10), 9.0, true, 25));
        } finally {
            releaseEngineLog(log);
        }

        assertThat(first).singleElement().isInstanceOfSatisfying(Decision.Raise.class,
                raise -> assertThat(raise.kind()).isEqualTo(AlertKind.BATTERY));
        assertThat(second).singleElement().isInstanceOfSatisfying(Decision.Clear.class,
                clear -> assertThat(clear.kind()).isEqualTo(AlertKind.BATTERY));
        assertThat(state.of(SMOKE)).as("a failed rule keeps its state").isEqualTo(Latch.IDLE);
        assertThat(state.of(OFFLINE).lastHeard()).isEqualTo(second(10));
        assertThat(fragile.failures()).isEqualTo(2);
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG);
        assertThat(log.list.get(0).getFormattedMessage()).contains("[rule: smoke, device-id: smoke-1]");
        assertThat(log.list.get(0).getThrowableProxy().getMessage()).isEqualTo("broken on purpose");
    }

    /** Records the engine's log (down to debug) instead of printing it, so that the expected stack trace stays quiet. */
    private static ListAppender<ILoggingEvent> captureEngineLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(RuleEngine.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
        return appender;
    }

    private static void releaseEngineLog(ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(RuleEngine.class);
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(null);
    }

    @Test
    void aTickReportsTheDevicesThatWentOffline() {
        DeviceRuleState quiet = new DeviceRuleState(Fixtures.SMOKE_ID);
        DeviceRuleState chatty = new DeviceRuleState(Fixtures.GAUGE_ID);
        engine.onReading(quiet, smokeDetector(null), smoke(second(0), 0.1, false));
        engine.onReading(chatty, gauge(null, null), level(second(150), 1.0));

        List<Decision> decisions = engine.onTick(List.of(quiet, chatty), second(200));

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.deviceId()).isEqualTo(Fixtures.SMOKE_ID);
            assertThat(raise.kind()).isEqualTo(AlertKind.OFFLINE);
        });
        assertThat(engine.onTick(List.of(quiet, chatty), second(210))).isEmpty();
        assertThat(engine.offlineDeadline(chatty)).contains(second(330));
        assertThat(engine.offlineDeadline(quiet)).isEmpty();
    }

    @Test
    void aReadingOfAnotherDeviceIsRefusedAsACallersBug() {
        DeviceRuleState state = new DeviceRuleState("someone-else");

        assertThatThrownBy(() -> engine.onReading(state, smokeDetector(null), smoke(second(0), 0.1, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("someone-else");
    }

    @Test
    void aDeviceWithoutThresholdsUsesTheDefaults() {
        Device bare = new Device(Fixtures.SMOKE_ID, KindRegistry.SMOKE, null, 0, 0, "cell-1", null, null);
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);
        Reading atDefault = smoke(second(0), 4.0, false);

        assertThat(bare.thresholds()).isEqualTo(Thresholds.NONE);
        assertThat(engine.onReading(state, bare, atDefault)).singleElement().isInstanceOf(Decision.Raise.class);
    }

    /** The smoke detector's slot, with a rule that throws. */
    private record BrokenSmoke(ReadingRule<Latch> rule) implements Detector<Latch> {

        @Override
        public Outcome<Latch> apply(Latch state, Device device, Reading reading) {
            return rule.apply(state, device, reading);
        }

        @Override
        public String name() {
            return "smoke";
        }

        @Override
        public AlertKind alertKind() {
            return AlertKind.SMOKE;
        }

        @Override
        public boolean judges(io.gridwatch.model.SensorKind kind) {
            return kind == io.gridwatch.model.KindRegistry.SMOKE;
        }

        @Override
        public Latch initial() {
            return Latch.IDLE;
        }

        @Override
        public Latch raisedAt(Severity open) {
            return Latch.raisedAt(open);
        }
    }
}
