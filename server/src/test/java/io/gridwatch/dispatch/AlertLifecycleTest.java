package io.gridwatch.dispatch;

import static io.gridwatch.testing.LifecycleFixture.await;
import static io.gridwatch.testing.LifecycleFixture.cell;
import static io.gridwatch.testing.LifecycleFixture.person;
import static io.gridwatch.testing.LifecycleFixture.sectorId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.people.Role;
import io.gridwatch.rules.Decision;
import io.gridwatch.testing.Eventually;
import io.gridwatch.testing.LifecycleFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Routing, notification and escalation of alerts over a real database and event bus. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AlertLifecycleTest {

    static final EscalateAfter THREE_MINUTES = EscalateAfter.parse("critical=PT3M");
    static final Duration WAIT = Duration.ofSeconds(5);

    static LifecycleFixture db;
    AlertLifecycle lifecycle;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        db = LifecycleFixture.start(vertx);
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void fullRoster() {
        db.roster(
                person("w-a", Role.CELL_WORKER, cell(1, 1).cell()),
                person("w-b", Role.CELL_WORKER, cell(1, 2).cell()),
                person("s-1", Role.SECTOR_LEADER, sectorId(1)),
                person("c-1", Role.COMMUNITY, LifecycleFixture.COMMUNITY),
                person("rescue", Role.RESCUE, "440311"));
        lifecycle = db.lifecycle(THREE_MINUTES);
    }

    @Test
    void aRaiseGoesToTheCellWorkerAndThoseAboveButNotToTheNeighbouringCell() {
        try (var own = db.inbox("w-a"); var neighbour = db.inbox("w-b"); var leader = db.inbox("s-1");
                var rescue = db.inbox("rescue")) {
            java.time.Instant raisedAt = db.clock.instant();
            Alert alert = smokeAlarm(cell(1, 1)).alert();

            assertThat(alert.level()).isEqualTo(Level.CELL);
            assertThat(alert.escalateAt()).isEqualTo(raisedAt.plus(Duration.ofMinutes(3)));
            Eventually.until(WAIT, "w-a, s-1 and rescue get it", () -> own.frames.size() == 1
                    && leader.frames.size() == 1 && rescue.frames.size() == 1);
            assertThat(own.frames.get(0).getString("type")).isEqualTo("alert");
            assertThat(own.events()).containsExactly("opened");
            assertThat(own.frames.get(0).getJsonObject("alert").getString("id")).isEqualTo(alert.idString());
            assertThat(neighbour.frames).isEmpty();
        }
    }

    @Test
    void aCellWithNobodyOnTheRosterHandsTheAlertStraightToItsSector() {
        Alert alert = smokeAlarm(cell(1, 3)).alert();

        assertThat(alert.level()).isEqualTo(Level.SECTOR);
    }

    @Test
    void aSectorWithNobodyAtAnyLevelEndsAtTheDistrictWithoutDeadline() {
        GridPath elsewhere = new GridPath("440311", "440311002", "440311002001", "440311002001-01",
                "440311002001-01-01");

        Alert alert = smokeAlarm(elsewhere).alert();

        assertThat(alert.level()).isEqualTo(Level.DISTRICT);
        assertThat(alert.escalateAt()).isNull();
    }

    @Test
    void anUnacknowledgedAlertClimbsStaffedLevelsOnePerDeadlineAndStopsAtTheAcknowledgement() {
        try (var leader = db.inbox("s-1"); var community = db.inbox("c-1")) {
            Alert alert = smokeAlarm(cell(1, 1)).alert();

            db.clock.advance(Duration.ofMinutes(2));
            assertThat(await(lifecycle.escalateDue(10))).isEmpty();

            db.clock.advance(Duration.ofMinutes(1));
            List<Alert> first = await(lifecycle.escalateDue(10));
            assertThat(first).extracting(Alert::level).containsExactly(Level.SECTOR);
            Eventually.until(WAIT, "the sector leader hears of the escalation",
                    () -> leader.events().contains("escalated"));

            db.clock.advance(Duration.ofMinutes(3));
            assertThat(await(lifecycle.escalateDue(10))).extracting(Alert::level).containsExactly(Level.COMMUNITY);
            Eventually.until(WAIT, "the community hears of the second escalation",
                    () -> community.events().stream().filter("escalated"::equals).count() == 2);

            Alert acked = await(lifecycle.acknowledge(alert.id(), caller("c-1", Role.COMMUNITY,
                    LifecycleFixture.COMMUNITY)));
            assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(acked.escalateAt()).isNull();
            db.clock.advance(Duration.ofHours(1));
            assertThat(await(lifecycle.escalateDue(10))).isEmpty();
            Eventually.until(WAIT, "the leader hears of the acknowledgement",
                    () -> leader.events().contains("acknowledged"));
        }
    }

    @Test
    void escalationSkipsALevelWithNobodyOnTheRoster() {
        db.roster(person("w-a", Role.CELL_WORKER, cell(1, 1).cell()),
                person("c-1", Role.COMMUNITY, LifecycleFixture.COMMUNITY));
        Alert alert = smokeAlarm(cell(1, 1)).alert();

        db.clock.advance(Duration.ofMinutes(3));

        assertThat(await(lifecycle.escalateDue(10))).extracting(Alert::id, Alert::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(alert.id(), Level.COMMUNITY));
    }

    @Test
    void aWorkerCannotActOnAnotherCellsAlertAndRescueTeamsOnlyWatch() {
        Alert alert = smokeAlarm(cell(1, 1)).alert();

        assertThatThrownBy(() -> await(lifecycle.acknowledge(alert.id(),
                caller("w-b", Role.CELL_WORKER, cell(1, 2).cell()))))
                // outside the caller's scope it answers as an unknown alert would: ids are not to be probed
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> await(lifecycle.acknowledge(alert.id(), caller("rescue", Role.RESCUE, "440311"))))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(await(lifecycle.store().find(alert.id())).orElseThrow().status()).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void resolvingTwiceIsAConflictAndTheFirstResolutionStands() {
        Alert alert = smokeAlarm(cell(1, 1)).alert();
        Caller worker = caller("w-a", Role.CELL_WORKER, cell(1, 1).cell());
        await(lifecycle.resolve(alert.id(), worker, "cooking, checked"));

        assertThatThrownBy(() -> await(lifecycle.resolve(alert.id(), worker, "again")))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(await(lifecycle.store().find(alert.id())).orElseThrow().resolveNote()).isEqualTo("cooking, checked");
    }

    @Test
    void aQuietRepeatIsCountedButNobodyIsToldAgain() {
        try (var own = db.inbox("w-a")) {
            smokeAlarm(cell(1, 1));
            Eventually.until(WAIT, "opened arrives", () -> own.frames.size() == 1);

            Alert repeated = await(lifecycle.raise(AlertKind.SMOKE, Severity.CRITICAL, AlertSource.device("smoke-1"),
                    cell(1, 1), 9.0, Reason.of("test", "alarm again"), true)).alert();

            assertThat(repeated.count()).isEqualTo(2);
            assertThat(repeated.value()).isEqualTo(9.0);
            assertThat(own.events()).containsExactly("opened");
        }
    }

    @Test
    void aClearedOfflineAlertIsResolvedByTheSystemButAClearedSmokeAlertStaysForAPerson() {
        await(lifecycle.apply(new Decision.Raise("smoke-1", AlertKind.OFFLINE, Severity.MINOR, 300.0, Reason.of("test", "silent"),
                LifecycleFixture.T0, false), cell(1, 1)));
        smokeAlarm(cell(1, 1));

        await(lifecycle.apply(new Decision.Clear("smoke-1", AlertKind.OFFLINE, null, Reason.of("test", "heard again"),
                LifecycleFixture.T0), cell(1, 1)));
        await(lifecycle.apply(new Decision.Clear("smoke-1", AlertKind.SMOKE, 0.1, Reason.of("test", "clear for 60 s"),
                LifecycleFixture.T0), cell(1, 1)));

        List<Alert> all = await(lifecycle.store().list(io.gridwatch.alert.AlertQuery.all(10)));
        assertThat(all).filteredOn(a -> a.kind() == AlertKind.OFFLINE).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED))
                .satisfies(a -> assertThat(a.resolvedBy()).isEqualTo(AlertLifecycle.SYSTEM));
        assertThat(all).filteredOn(a -> a.kind() == AlertKind.SMOKE).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.OPEN))
                .satisfies(a -> assertThat(a.clearedAt()).isNotNull());
    }

    private io.gridwatch.alert.RaiseResult smokeAlarm(GridPath path) {
        return await(lifecycle.raise(AlertKind.SMOKE, Severity.CRITICAL, AlertSource.device("smoke-1"), path, 12.5,
                Reason.of("test", "alarm flag"), false));
    }

    private static Caller caller(String username, Role role, String unit) {
        return new Caller(username, role, unit);
    }
}
