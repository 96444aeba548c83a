package io.gridwatch.evaluate;

import static io.gridwatch.testing.LifecycleFixture.await;
import static io.gridwatch.testing.LifecycleFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import io.gridwatch.people.Role;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import io.gridwatch.store.DeviceStore;
import io.gridwatch.testing.Eventually;
import io.gridwatch.testing.LifecycleFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readings in, alerts out: the rules run on stored readings and on a clock, against a real database. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class RuleVerticleTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static LifecycleFixture db;
    static Grid grid;
    static String cell;
    static Device smoke;
    static Device gauge;

    AlertLifecycle lifecycle;
    String deployment;
    RuleVerticle rules;
    long seq;

    @BeforeAll
    static void start(Vertx vertx) {
        db = LifecycleFixture.start(vertx);
        grid = BundledGrid.guangming();
        cell = grid.units(Level.CELL).get(0).id();
        smoke = new Device("smoke-1", KindRegistry.SMOKE, "kitchen", 113.9, 22.75, cell, Thresholds.NONE, null);
        gauge = new Device("gauge-1", KindRegistry.WATER_LEVEL, "culvert", 113.9, 22.75, cell,
                new Thresholds(2.0, 3.0), null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void deployRules() {
        db.roster(person("w-1", Role.CELL_WORKER, cell));
        lifecycle = db.lifecycle(EscalateAfter.DEFAULTS);
        deploy();
    }

    @AfterEach
    void undeployRules() {
        await(db.vertx.undeploy(deployment));
    }

    @Test
    void theRulesRunOnAThreadOfTheirOwnNotOnAnEventLoopTheMqttEndpointMayShare() {
        // the idle check runs where the rules' state lives
        String thread = await(rules.idle().map(idle -> Thread.currentThread().getName()));
        assertThat(thread).startsWith("gridwatch-rules");
    }

    @Test
    void aSmokeAlarmOpensACriticalAlertInTheDetectorsCellAndTellsItsWorker() {
        try (var worker = db.inbox("w-1")) {
            rules.offer(smokeReading(now(), 0.2, true));

            Alert alert = eventuallyOne(a -> a.kind() == AlertKind.SMOKE);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.path().cell()).isEqualTo(cell);
            assertThat(alert.source().device()).isEqualTo("smoke-1");
            Eventually.until(WAIT, "the worker hears of it", () -> worker.events().contains("opened"));
        }
    }

    @Test
    void aGaugeHoveringJustUnderItsLineDoesNotClearButOneClearlyBelowItForTheHoldTimeDoes() {
        Instant t = now();
        for (int minute = 0; minute < 3; minute++) {
            rules.offer(level(t.plus(Duration.ofMinutes(minute)), 1.0));
        }
        rules.offer(level(t.plus(Duration.ofMinutes(3)), 2.1));
        assertThat(eventuallyOne(a -> a.kind() == AlertKind.WATER_LEVEL).severity()).isEqualTo(Severity.MAJOR);
        rules.offer(level(t.plus(Duration.ofMinutes(4)), 3.2));
        Eventually.until(WAIT, "the alert turns critical",
                () -> one(a -> a.severity() == Severity.CRITICAL).isPresent());

        for (int minute = 5; minute <= 25; minute++) {
            rules.offer(level(t.plus(Duration.ofMinutes(minute)), 1.97));
        }
        rules.offer(smokeReading(t, 0.1, false)); // a marker: once it is judged, every level before it was too
        eventuallyBusyIsOver();
        assertThat(one(a -> a.kind() == AlertKind.WATER_LEVEL).orElseThrow().clearedAt()).isNull();

        for (int minute = 26; minute <= 37; minute++) {
            rules.offer(level(t.plus(Duration.ofMinutes(minute)), 1.5));
        }
        Eventually.until(WAIT, "the alert is marked cleared",
                () -> one(a -> a.kind() == AlertKind.WATER_LEVEL && a.clearedAt() != null).isPresent());
        assertThat(one(a -> a.kind() == AlertKind.WATER_LEVEL).orElseThrow().status()).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void afterARestartAnOpenAlertCanStillClear() {
        Instant t = now();
        rules.offer(smokeReading(t, 0.1, true));
        eventuallyOne(a -> a.kind() == AlertKind.SMOKE);

        undeployRules();
        deploy();
        for (int second = 10; second <= 120; second += 10) {
            rules.offer(smokeReading(t.plusSeconds(second), 0.1, false));
        }

        Eventually.until(WAIT, "the smoke alert raised before the restart clears",
                () -> one(a -> a.kind() == AlertKind.SMOKE && a.clearedAt() != null).isPresent());
    }

    @Test
    void aDeviceThatFallsSilentGoesOfflineAndIsResolvedWhenHeardAgain() {
        Instant t = now();
        for (int minute = 0; minute < 5; minute++) {
            rules.offer(smokeReading(t.plus(Duration.ofMinutes(minute)), 0.1, false));
        }
        eventuallyBusyIsOver();

        db.clock.advance(Duration.ofMinutes(8));
        Alert offline = eventuallyOne(a -> a.kind() == AlertKind.OFFLINE);
        assertThat(offline.severity()).isEqualTo(Severity.MINOR);

        rules.offer(smokeReading(now(), 0.1, false));
        Eventually.until(WAIT, "the offline alert is resolved by the system",
                () -> one(a -> a.kind() == AlertKind.OFFLINE && a.status() == AlertStatus.RESOLVED).isPresent());
    }

    private void deploy() {
        rules = new RuleVerticle(new RuleEngine(RuleSettings.DEFAULTS),
                id -> Optional.ofNullable(Map.of(smoke.id(), smoke, gauge.id(), gauge).get(id)), grid, lifecycle,
                new AlertStore(db.database.pool()), new DeviceStore(db.database.pool()), db.clock,
                Duration.ofMillis(50));
        deployment = await(db.vertx.deployVerticle(rules, RuleVerticle.deployment()));
    }

    private Instant now() {
        return db.clock.instant();
    }

    private Reading smokeReading(Instant ts, double obscuration, boolean alarm) {
        return new Reading(smoke.id(), cell, KindRegistry.SMOKE, ts, ++seq,
                Measures.of(KindRegistry.SMOKE, "obscuration", obscuration, "alarm", alarm), 90, ts);
    }

    private Reading level(Instant ts, double metres) {
        return new Reading(gauge.id(), cell, KindRegistry.WATER_LEVEL, ts, ++seq,
                Measures.of(KindRegistry.WATER_LEVEL, "level", metres), 90, ts);
    }

    /** Waits until the verticle has no alert write in flight and nothing queued. */
    private void eventuallyBusyIsOver() {
        Eventually.until(WAIT, "the rules are idle", () -> await(rules.idle()));
    }

    private Alert eventuallyOne(Predicate<Alert> wanted) {
        Eventually.until(WAIT, "an alert as wanted", () -> one(wanted).isPresent());
        return one(wanted).orElseThrow();
    }

    private Optional<Alert> one(Predicate<Alert> wanted) {
        List<Alert> all = await(lifecycle.store().list(AlertQuery.all(100)));
        return all.stream().filter(wanted).findFirst();
    }
}
