package io.gridwatch.alert;

import static io.gridwatch.alert.AlertFixture.T0;
import static io.gridwatch.alert.AlertFixture.await;
import static io.gridwatch.alert.AlertFixture.raise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Due escalations, on one and on two server nodes, and the audit trail they leave. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AlertEscalationTest {

    /** One level up, due again ten minutes after {@code now}; nowhere to go from the district. */
    static final EscalationPlan ONE_UP = (alert, now) -> alert.level().parent()
            .map(up -> new EscalationPlan.Step(up, up == Level.DISTRICT ? null : now.plusSeconds(600)));

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

    @BeforeEach
    void noAlerts() {
        db.deleteAllAlerts();
    }

    @Test
    void onlyDueOpenAlertsEscalateOneStepWithAnEvent() {
        // given alerts raised at T0, due at T0 + 10 min: one open, one acknowledged, one resolved,
        // and one raised later, due at T0 + 20 min
        Alert due = open("smoke-due", T0);
        Alert acked = open("smoke-acked", T0);
        await(alerts.acknowledge(acked.id(), "wang", T0.plusSeconds(60)));
        Alert resolved = open("smoke-resolved", T0);
        await(alerts.resolve(resolved.id(), "wang", "ok", T0.plusSeconds(60)));
        Alert later = open("smoke-later", T0.plusSeconds(600));
        // when escalations are run at T0 + 15 min
        Instant now = T0.plusSeconds(900);
        List<Alert> escalated = await(alerts.escalateDue(now, 100, ONE_UP));
        // then only the due open alert moved to the sector, with a new deadline and an event
        assertThat(escalated).extracting(Alert::id).containsExactly(due.id());
        assertThat(escalated.get(0).level()).isEqualTo(Level.SECTOR);
        assertThat(escalated.get(0).escalateAt()).isEqualTo(now.plusSeconds(600));
        AlertEvent event = await(alerts.events(due.id())).get(1);
        assertThat(event.type()).isEqualTo(AlertEventType.ESCALATED);
        assertThat(event.actor()).isEqualTo(AlertEvent.SYSTEM);
        assertThat(event.level()).isEqualTo(Level.SECTOR);
        assertThat(event.at()).isEqualTo(now);
        assertThat(event.detail().getString("from")).isEqualTo("cell");
        assertThat(await(alerts.find(later.id())).orElseThrow().level()).isEqualTo(Level.CELL);
        assertThat(await(alerts.find(acked.id())).orElseThrow().level()).isEqualTo(Level.CELL);
        assertThat(await(alerts.find(resolved.id())).orElseThrow().level()).isEqualTo(Level.CELL);
        // and running again at the same moment escalates nothing
        assertThat(await(alerts.escalateDue(now, 100, ONE_UP))).isEmpty();
    }

    @Test
    void anUnacknowledgedAlertClimbsToTheDistrictAndStopsThere() {
        // given an open alert at the cell
        Alert alert = open("smoke-climb", T0);
        // when nobody acknowledges for a long time and escalations run every ten minutes
        Instant now = T0;
        for (int i = 0; i < 8; i++) {
            now = now.plusSeconds(600);
            await(alerts.escalateDue(now, 100, ONE_UP));
        }
        // then it went through every level once and rests at the district without a deadline
        Alert top = await(alerts.find(alert.id())).orElseThrow();
        assertThat(top.level()).isEqualTo(Level.DISTRICT);
        assertThat(top.escalateAt()).isNull();
        assertThat(top.escalations()).isEqualTo(4);
        assertThat(await(alerts.events(alert.id()))).filteredOn(e -> e.type() == AlertEventType.ESCALATED)
                .extracting(AlertEvent::level)
                .containsExactly(Level.SECTOR, Level.COMMUNITY, Level.SUBDISTRICT, Level.DISTRICT);
    }

    @Test
    void aPlanWithNowhereToGoClearsTheDeadlineWithoutAnEvent() {
        // given a due alert and a plan that finds nobody above
        Alert alert = open("smoke-nobody-above", T0);
        // when escalations run
        List<Alert> escalated = await(alerts.escalateDue(T0.plusSeconds(900), 100, (a, now) -> Optional.empty()));
        // then nothing escalated, and the alert stays where it is, no longer due
        assertThat(escalated).isEmpty();
        Alert stays = await(alerts.find(alert.id())).orElseThrow();
        assertThat(stays.level()).isEqualTo(Level.CELL);
        assertThat(stays.escalateAt()).isNull();
        assertThat(stays.escalations()).isZero();
        assertThat(await(alerts.events(alert.id()))).hasSize(1);
    }

    @Test
    void aPlanThatDoesNotGoUpFailsAndChangesNothing() {
        // given a due alert at the cell
        Alert alert = open("smoke-bad-plan", T0);
        // when a plan sends it to the cell again
        // then the pass fails and the alert is untouched
        assertThatThrownBy(() -> await(alerts.escalateDue(T0.plusSeconds(900), 100,
                (a, now) -> Optional.of(new EscalationPlan.Step(Level.CELL, now)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not go up");
        assertThat(await(alerts.find(alert.id()))).contains(alert);
    }

    @Test
    void twoNodesEscalatingAtOnceEscalateEachDueAlertExactlyOnce() {
        // given sixty due alerts and two server nodes
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(open("smoke-two-nodes-" + i, T0).id());
        }
        List<AlertStore> nodes = List.of(alerts, db.otherNode());
        // when both nodes run small escalation passes at the same time
        Instant now = T0.plusSeconds(900);
        List<Future<List<Alert>>> passes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            passes.add(nodes.get(i % 2).escalateDue(now, 7, ONE_UP));
        }
        List<Alert> escalated = new ArrayList<>();
        await(Future.all(passes)).<List<Alert>>list().forEach(escalated::addAll);
        escalated.addAll(await(alerts.escalateDue(now, 100, ONE_UP)));
        // then every alert was escalated once, by one pass, one level up
        assertThat(escalated).extracting(Alert::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(db.count("SELECT count(*) FROM alert_events WHERE type = 'escalated'")).isEqualTo(60);
        assertThat(db.count("SELECT count(*) FROM alerts WHERE level = 'sector'")).isEqualTo(60);
    }

    @Test
    void anAcknowledgementRacingAnEscalationLeavesTheAlertAcknowledgedWithoutADeadline() {
        // given forty due alerts
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(open("smoke-ack-race-" + i, T0).id());
        }
        // when one node escalates while the other acknowledges them all
        Instant now = T0.plusSeconds(900);
        Future<List<Alert>> pass = alerts.escalateDue(now, 100, ONE_UP);
        List<Future<Optional<Alert>>> acks = new ArrayList<>();
        for (long id : ids) {
            acks.add(db.otherNode().acknowledge(id, "wang", now));
        }
        await(Future.all(pass, Future.all(acks)));
        // then every alert is acknowledged without a deadline, and none escalates afterwards
        assertThat(db.count("SELECT count(*) FROM alerts WHERE status = 'acknowledged' AND escalate_at IS NULL"))
                .isEqualTo(40);
        assertThat(await(alerts.escalateDue(now.plusSeconds(86_400), 100, ONE_UP))).isEmpty();
        assertThat(db.count("SELECT count(*) FROM alert_events WHERE type = 'acknowledged'")).isEqualTo(40);
    }

    @Test
    void theAuditTrailListsEveryTransitionInOrderWithActors() {
        // given an alert that was raised, repeated, escalated, cleared, acknowledged and resolved
        Alert alert = open("gauge-trail", T0);
        await(alerts.raise(raise("gauge-trail", AlertKind.SMOKE, Severity.CRITICAL, T0.plusSeconds(60))));
        await(alerts.escalateDue(T0.plusSeconds(900), 100, ONE_UP));
        await(alerts.markCleared("gauge-trail", AlertKind.SMOKE, T0.plusSeconds(1000)));
        await(alerts.acknowledge(alert.id(), "sector-lead", T0.plusSeconds(1100)));
        await(alerts.resolve(alert.id(), "cell-worker", "vented the kitchen", T0.plusSeconds(1200)));
        // when its trail is read
        List<AlertEvent> trail = await(alerts.events(alert.id()));
        // then it lists each transition once, in order, with who and when
        assertThat(trail).extracting(AlertEvent::type).containsExactly(AlertEventType.OPENED,
                AlertEventType.UPDATED, AlertEventType.ESCALATED, AlertEventType.CLEARED,
                AlertEventType.ACKNOWLEDGED, AlertEventType.RESOLVED);
        assertThat(trail).extracting(AlertEvent::actor).containsExactly("system", "system", "system", "system",
                "sector-lead", "cell-worker");
        assertThat(trail).extracting(AlertEvent::at).isSorted();
        assertThat(trail).allMatch(e -> e.alertId() == alert.id());
        assertThat(trail.get(1).detail().getInteger("count")).isEqualTo(2);
        assertThat(trail.get(5).detail().getString("note")).isEqualTo("vented the kitchen");
        assertThat(trail.get(5).level()).isEqualTo(Level.SECTOR);
        assertThat(await(alerts.events(Long.MAX_VALUE))).isEmpty();
    }

    private static Alert open(String device, Instant at) {
        return await(alerts.raise(raise(device, AlertKind.SMOKE, Severity.CRITICAL, at))).alert();
    }
}
