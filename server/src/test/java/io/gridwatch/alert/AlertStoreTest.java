package io.gridwatch.alert;

import static io.gridwatch.alert.AlertFixture.T0;
import static io.gridwatch.alert.AlertFixture.await;
import static io.gridwatch.alert.AlertFixture.raise;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Raising, updating, acknowledging, resolving and clearing alerts, on a real PostgreSQL. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AlertStoreTest {

    static AlertFixture db;
    static AlertStore alerts;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        db = AlertFixture.start(vertx);
        alerts = db.store();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void aFirstRaiseOpensAnAlertAtTheStartLevel() {
        // given nothing raised for a smoke detector
        // when it raises
        RaiseResult result = await(alerts.raise(raise("smoke-open", AlertKind.SMOKE, Severity.CRITICAL, T0)));
        // then an open alert is addressed to the start level with the first deadline
        Alert alert = result.alert();
        assertThat(result.opened()).isTrue();
        assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.source()).isEqualTo(AlertSource.device("smoke-open"));
        assertThat(alert.level()).isEqualTo(Level.CELL);
        assertThat(alert.count()).isEqualTo(1);
        assertThat(alert.openedAt()).isEqualTo(T0);
        assertThat(alert.escalateAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(await(alerts.find(alert.id()))).contains(alert);
    }

    @Test
    void aSecondRaiseForTheSameSourceAndKindUpdatesTheOpenAlert() {
        // given an open major water-level alert
        Alert first = await(alerts.raise(raise("gauge-repeat", AlertKind.WATER_LEVEL, Severity.MAJOR, T0))).alert();
        // when the gauge raises again, less serious, and then more serious
        RaiseResult second = await(alerts.raise(raise("gauge-repeat", AlertKind.WATER_LEVEL, Severity.MINOR,
                T0.plusSeconds(60))));
        RaiseResult third = await(alerts.raise(raise("gauge-repeat", AlertKind.WATER_LEVEL, Severity.CRITICAL,
                T0.plusSeconds(120))));
        // then the same alert is updated: counted, severity never lowered, opening time kept
        assertThat(second.opened()).isFalse();
        assertThat(second.alert().id()).isEqualTo(first.id());
        assertThat(second.alert().count()).isEqualTo(2);
        assertThat(second.alert().severity()).isEqualTo(Severity.MAJOR);
        assertThat(third.alert().count()).isEqualTo(3);
        assertThat(third.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(third.alert().openedAt()).isEqualTo(T0);
        assertThat(third.alert().updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(db.count("SELECT count(*) FROM alerts WHERE source_device = $1", "gauge-repeat")).isEqualTo(1);
    }

    @Test
    void aRiseInSeverityBringsTheDeadlineForwardButNeverPushesItBack() {
        // given an open minor alert due at T0 + 10 min
        NewAlert minor = raise("gauge-deadline", AlertKind.WATER_LEVEL, Severity.MINOR, T0);
        await(alerts.raise(minor));
        // when a repeat at the same severity comes with a later deadline
        Alert repeat = await(alerts.raise(new NewAlert(minor.kind(), Severity.MINOR, minor.source(), minor.path(),
                Level.CELL, 2.0, Reason.of("test", "again"), T0.plusSeconds(60), T0.plusSeconds(3600)))).alert();
        // then the deadline stays
        assertThat(repeat.escalateAt()).isEqualTo(T0.plusSeconds(600));
        // when the severity rises with an earlier deadline
        Alert worse = await(alerts.raise(new NewAlert(minor.kind(), Severity.CRITICAL, minor.source(), minor.path(),
                Level.CELL, 3.0, Reason.of("test", "danger"), T0.plusSeconds(120), T0.plusSeconds(180)))).alert();
        // then the earlier deadline wins
        assertThat(worse.escalateAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(worse.value()).isEqualTo(3.0);
        assertThat(worse.reason().text()).isEqualTo("danger");
    }

    @Test
    void anotherKindForTheSameDeviceOpensItsOwnAlert() {
        // given an open water-level alert of a gauge
        Alert level = await(alerts.raise(raise("gauge-kinds", AlertKind.WATER_LEVEL, Severity.MAJOR, T0))).alert();
        // when the same gauge's battery runs low
        RaiseResult battery = await(alerts.raise(raise("gauge-kinds", AlertKind.BATTERY, Severity.MINOR, T0)));
        // then that is another alert
        assertThat(battery.opened()).isTrue();
        assertThat(battery.alert().id()).isNotEqualTo(level.id());
    }

    @Test
    void afterResolveANewRaiseOpensANewAlert() {
        // given an alert that was resolved
        Alert old = await(alerts.raise(raise("smoke-again", AlertKind.SMOKE, Severity.CRITICAL, T0))).alert();
        await(alerts.resolve(old.id(), "wang", "false alarm", T0.plusSeconds(60)));
        // when the detector raises again
        RaiseResult again = await(alerts.raise(raise("smoke-again", AlertKind.SMOKE, Severity.CRITICAL,
                T0.plusSeconds(120))));
        // then a new alert opens and the old one stays resolved
        assertThat(again.opened()).isTrue();
        assertThat(again.alert().id()).isNotEqualTo(old.id());
        assertThat(await(alerts.find(old.id())).orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void twentyConcurrentRaisesFromSeveralContextsAndNodesYieldOneAlertCountedTwenty(Vertx vertx) {
        // given two server nodes and four contexts
        List<AlertStore> nodes = List.of(alerts, db.otherNode());
        List<Context> contexts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contexts.add(vertx.getOrCreateContext());
        }
        // when twenty raises for the same source and kind are fired at once
        List<Future<RaiseResult>> raises = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Promise<RaiseResult> done = Promise.promise();
            AlertStore node = nodes.get(i % 2);
            NewAlert raise = raise("smoke-race", AlertKind.SMOKE, Severity.CRITICAL, T0.plusSeconds(i));
            contexts.get(i % 4).runOnContext(v -> node.raise(raise).onComplete(done));
            raises.add(done.future());
        }
        List<RaiseResult> results = await(Future.all(raises)).list();
        // then exactly one opened it, all saw the same alert, and it counts twenty
        assertThat(results).filteredOn(RaiseResult::opened).hasSize(1);
        assertThat(results).extracting(r -> r.alert().id()).containsOnly(results.get(0).alert().id());
        assertThat(db.count("SELECT count(*) FROM alerts WHERE source_device = $1", "smoke-race")).isEqualTo(1);
        assertThat(await(alerts.find(results.get(0).alert().id())).orElseThrow().count()).isEqualTo(20);
        assertThat(await(alerts.events(results.get(0).alert().id()))).extracting(AlertEvent::type)
                .containsOnlyOnce(AlertEventType.OPENED).hasSize(20);
    }

    @Test
    void raisesRacingAResolveNeverFailAndLeaveAtMostOneUnresolvedAlert() {
        // given an open alert
        Alert old = await(alerts.raise(raise("smoke-resolve-race", AlertKind.SMOKE, Severity.CRITICAL, T0))).alert();
        // when one node resolves it while the other keeps raising
        List<Future<?>> all = new ArrayList<>();
        AlertStore other = db.otherNode();
        for (int i = 1; i <= 10; i++) {
            all.add(other.raise(raise("smoke-resolve-race", AlertKind.SMOKE, Severity.CRITICAL, T0.plusSeconds(i))));
            if (i == 3) {
                all.add(alerts.resolve(old.id(), "wang", "checked", T0.plusSeconds(i)));
            }
        }
        await(Future.all(all));
        // then every raise landed on the old alert or on one new alert
        assertThat(db.count("SELECT count(*) FROM alerts WHERE source_device = $1 AND status <> 'resolved'",
                "smoke-resolve-race")).isLessThanOrEqualTo(1);
        assertThat(db.count("SELECT sum(count) FROM alerts WHERE source_device = $1", "smoke-resolve-race"))
                .isEqualTo(11);
    }

    @Test
    void acknowledgeStopsEscalationAndIsIdempotent() {
        // given an open alert with a deadline
        Alert open = await(alerts.raise(raise("smoke-ack", AlertKind.SMOKE, Severity.CRITICAL, T0))).alert();
        // when a worker acknowledges it, and another worker does so a moment later
        Alert acked = await(alerts.acknowledge(open.id(), "wang", T0.plusSeconds(30))).orElseThrow();
        Alert again = await(alerts.acknowledge(open.id(), "li", T0.plusSeconds(40))).orElseThrow();
        // then the first acknowledgement stands, without a deadline, and is recorded once
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.ackedBy()).isEqualTo("wang");
        assertThat(acked.ackedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(acked.escalateAt()).isNull();
        assertThat(again).isEqualTo(acked);
        assertThat(await(alerts.events(open.id()))).extracting(AlertEvent::type)
                .containsOnlyOnce(AlertEventType.ACKNOWLEDGED);
        assertThat(await(alerts.acknowledge(Long.MAX_VALUE, "wang", T0))).isEmpty();
    }

    @Test
    void aRepeatOfAnAcknowledgedAlertKeepsItAcknowledgedWithoutADeadline() {
        // given an acknowledged minor alert
        Alert open = await(alerts.raise(raise("gauge-acked", AlertKind.WATER_LEVEL, Severity.MINOR, T0))).alert();
        await(alerts.acknowledge(open.id(), "wang", T0.plusSeconds(30)));
        // when the condition gets worse
        RaiseResult worse = await(alerts.raise(raise("gauge-acked", AlertKind.WATER_LEVEL, Severity.CRITICAL,
                T0.plusSeconds(60))));
        // then it is updated but stays acknowledged and never escalates
        assertThat(worse.opened()).isFalse();
        assertThat(worse.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(worse.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(worse.alert().escalateAt()).isNull();
    }

    @Test
    void resolveWorksFromAcknowledgedAndFromOpenAndOnlyOnce() {
        // given an acknowledged alert and an open one
        Alert acked = await(alerts.raise(raise("smoke-res-1", AlertKind.SMOKE, Severity.CRITICAL, T0))).alert();
        await(alerts.acknowledge(acked.id(), "wang", T0.plusSeconds(10)));
        Alert open = await(alerts.raise(raise("smoke-res-2", AlertKind.SMOKE, Severity.CRITICAL, T0))).alert();
        // when both are resolved, the first one twice
        Alert first = await(alerts.resolve(acked.id(), "wang", "checked: cooking", T0.plusSeconds(60)))
                .orElseThrow();
        Alert twice = await(alerts.resolve(acked.id(), "li", "again", T0.plusSeconds(90))).orElseThrow();
        Alert second = await(alerts.resolve(open.id(), "zhao", null, T0.plusSeconds(60))).orElseThrow();
        // then both are resolved by whoever did it first, and the acknowledgement is kept
        assertThat(first.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(first.resolvedBy()).isEqualTo("wang");
        assertThat(first.resolveNote()).isEqualTo("checked: cooking");
        assertThat(first.ackedBy()).isEqualTo("wang");
        assertThat(twice).isEqualTo(first);
        assertThat(second.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(second.escalateAt()).isNull();
        assertThat(second.ackedAt()).isNull();
    }

    @Test
    void markClearedNotesTheEndOfTheConditionWithoutResolving() {
        // given an open water-level alert
        Alert open = await(alerts.raise(raise("gauge-clear", AlertKind.WATER_LEVEL, Severity.MAJOR, T0))).alert();
        // when the rule clears it, twice
        Alert cleared = await(alerts.markCleared("gauge-clear", AlertKind.WATER_LEVEL, T0.plusSeconds(300)))
                .orElseThrow();
        boolean clearedAgain = await(alerts.markCleared("gauge-clear", AlertKind.WATER_LEVEL, T0.plusSeconds(360)))
                .isPresent();
        // then it is cleared once but still open; a new raise makes it not cleared again
        assertThat(cleared.id()).isEqualTo(open.id());
        assertThat(cleared.clearedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(cleared.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(clearedAgain).isFalse();
        Alert back = await(alerts.raise(raise("gauge-clear", AlertKind.WATER_LEVEL, Severity.MAJOR,
                T0.plusSeconds(400)))).alert();
        assertThat(back.clearedAt()).isNull();
        assertThat(await(alerts.markCleared("nobody", AlertKind.SMOKE, T0))).isEmpty();
    }

    @Test
    void reportsAndDevicesHaveTheirOwnAlerts() {
        // given an open smoke alert of a device
        await(alerts.raise(raise("smoke-report", AlertKind.SMOKE, Severity.CRITICAL, T0)));
        // when two residents report smoke
        NewAlert report = new NewAlert(AlertKind.REPORT, Severity.MAJOR, AlertSource.report("r-1"),
                AlertFixture.cell(1, 1), Level.CELL, null, Reason.of("test", "resident report"), T0, T0.plusSeconds(600));
        RaiseResult first = await(alerts.raise(report));
        RaiseResult other = await(alerts.raise(new NewAlert(AlertKind.REPORT, Severity.MAJOR,
                AlertSource.report("r-2"), report.path(), Level.CELL, null, Reason.of("test", "resident report"), T0, null)));
        // then each report opens its own alert, without a value
        assertThat(first.opened()).isTrue();
        assertThat(other.opened()).isTrue();
        assertThat(first.alert().source()).isEqualTo(AlertSource.report("r-1"));
        assertThat(first.alert().value()).isNull();
        assertThat(other.alert().escalateAt()).isNull();
    }
}
