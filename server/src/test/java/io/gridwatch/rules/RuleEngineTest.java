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
import io.gridwatch.device.Device;
import io.gridwatch.device.DeviceKind;
import io.gridwatch.device.Thresholds;
import io.gridwatch.ingest.Reading;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RuleEngineTest {

    private final RuleEngine engine = new RuleEngine(RuleSettings.DEFAULTS);

    @Test
    void aSmokeDetectorsReadingRunsTheSmokeBatteryAndOfflineRules() {
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);

        List<Decision> decisions = engine.onReading(state, smokeDetector(null), smoke(second(0), 6.0, true, 9));

        assertThat(decisions).hasSize(2).allMatch(Decision.Raise.class::isInstance);
        assertThat(decisions).map(d -> ((Decision.Raise) d).kind()).containsExactly(AlertKind.SMOKE, AlertKind.BATTERY);
        assertThat(state.smoke().isRaised()).isTrue();
        assertThat(state.battery().isRaised()).isTrue();
        assertThat(state.offline().lastHeard()).isEqualTo(second(0));
        assertThat(state.waterLevel()).isEqualTo(WaterLevelState.INITIAL);
    }

    @Test
    void aGaugesReadingRunsTheWaterLevelRuleAndNotTheSmokeRule() {
        DeviceRuleState state = new DeviceRuleState(Fixtures.GAUGE_ID);

        List<Decision> decisions = engine.onReading(state, gauge(2.0, 2.5), level(minute(0), 2.6));

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.kind()).isEqualTo(AlertKind.WATER_LEVEL);
            assertThat(raise.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(state.smoke()).isEqualTo(Latch.IDLE);
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
        RuleEngine fragile = new RuleEngine(broken, new WaterLevelRule(settings), new BatteryRule(settings),
                new OfflineDetector(settings));
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
        assertThat(state.smoke()).as("a failed rule keeps its state").isEqualTo(Latch.IDLE);
        assertThat(state.offline().lastHeard()).isEqualTo(second(10));
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
        Device bare = new Device(Fixtures.SMOKE_ID, DeviceKind.SMOKE, null, 0, 0, "cell-1", null, null);
        DeviceRuleState state = new DeviceRuleState(Fixtures.SMOKE_ID);
        Reading atDefault = smoke(second(0), 4.0, false);

        assertThat(bare.thresholds()).isEqualTo(Thresholds.NONE);
        assertThat(engine.onReading(state, bare, atDefault)).singleElement().isInstanceOf(Decision.Raise.class);
    }
}
