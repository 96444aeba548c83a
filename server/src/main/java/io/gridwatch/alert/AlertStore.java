package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alerts and their audit trail in PostgreSQL (vertx-pg-client; never blocks): the only writer of
 * {@code alerts} and {@code alert_events}. Every method is one transaction that changes the alert and
 * writes its {@link AlertEvent} together, or neither (or runs inside the caller's transaction).
 *
 * <p>Thread-safety and several server nodes: the store holds no state besides the pool, so any
 * thread and any number of nodes may call it on the same database. Correctness rests on the
 * database alone: "one unresolved alert per source and kind" is a partial unique index and a raise
 * is an {@code INSERT … ON CONFLICT DO UPDATE} on it, so concurrent raises serialise on the row;
 * acknowledge and resolve are conditional updates ({@code WHERE status = …}), so of two racing
 * people one wins and the other gets the alert as the winner left it; a due escalation is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and its deadline moved in the same transaction, so each due
 * deadline fires on exactly one node, and an acknowledgement racing it either waits for it or makes
 * it skip the alert. Futures complete on the caller's context when called from one.
 *
 * <p>Every write of events that may concern an incident (acknowledge, resolve, escalate, a report attached, a case
 * step, a reopening) runs its {@link EventFollowUp} in the same transaction. Device-only writes (a device's raise,
 * cleared, the demo's resolve-all) skip it: an incident is always a report's alert of its own.
 */
public final class AlertStore {

    private final Pool pool;
    private final EventFollowUp followUp;

    /** A store whose events need nothing else written with them. */
    public AlertStore(Pool pool) {
        this(pool, EventFollowUp.NONE);
    }

    public AlertStore(Pool pool, EventFollowUp followUp) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.followUp = Objects.requireNonNull(followUp, "followUp");
    }

    /**
     * Opens an alert for the raise's source and kind, or updates the unresolved one (count + 1, the
     * last value and reason, the worse severity, the earlier deadline when the severity rose on an
     * open alert, no longer cleared). An acknowledged alert stays acknowledged. Writes an
     * {@code opened} or {@code updated} event by {@code system}.
     */
    public Future<RaiseResult> raise(NewAlert raise) {
        return raise(pool, raise);
    }

    /**
     * {@link #raise(NewAlert)} on the caller's connection, inside the caller's transaction, so that
     * the alert commits (or not) together with whatever else the caller writes.
     */
    public Future<RaiseResult> raise(SqlClient client, NewAlert raise) {
        String sql = raise.source().device() != null ? AlertSql.RAISE_FOR_DEVICE : AlertSql.RAISE_FOR_REPORT;
        Tuple params = Tuple.tuple()
                .addString(raise.kind().id())
                .addString(raise.severity().id())
                .addString(raise.source().device())
                .addString(raise.source().report());
        for (Level level : Level.values()) {
            params.addString(raise.path().at(level));
        }
        params.addString(raise.startLevel().id())
                .addDouble(raise.value())
                .addString(raise.reason().text())
                .addOffsetDateTime(AlertRows.time(raise.at()))
                .addOffsetDateTime(AlertRows.time(raise.escalateAt()))
                .addString(raise.reason().code())
                .addValue(new JsonObject(new LinkedHashMap<>(raise.reason().values())));
        return client.preparedQuery(sql).execute(params).map(rows -> {
            Alert alert = AlertRows.first(rows).orElseThrow();
            return new RaiseResult(alert.count() == 1, alert);
        });
    }

    /**
     * Adds a resident's report and its photo to the alert, on the caller's connection inside the report's
     * transaction, so that the report and its alert commit together or not at all. A report that joined also
     * counts as a raise (see {@link ReportAttachment}) and writes an {@code updated} event by {@code system}.
     */
    public Future<Void> attachReport(SqlClient transaction, ReportAttachment report) {
        return transaction.preparedQuery(AlertSql.ATTACH_REPORT).execute(Tuple.tuple()
                        .addLong(report.alertId()).addLong(report.photoId()).addInteger(report.joined() ? 1 : 0)
                        .addOffsetDateTime(AlertRows.time(report.at())).addString(report.severity().id())
                        .addString(Long.toString(report.reportId()))
                        .addOffsetDateTime(AlertRows.time(report.escalateAt())))
                .compose(attached -> followUp.written(transaction, List.of(report.alertId()), report.at()));
    }

    /** Lists a sanitised photo of one of its reports in the alert, on the caller's connection (transaction). */
    public Future<Void> attachPhoto(SqlClient transaction, long alertId, long photoId) {
        return transaction.preparedQuery(AlertSql.ATTACH_PHOTO).execute(Tuple.of(alertId, photoId)).mapEmpty();
    }

    /**
     * Acknowledges an open alert and stops its escalation ({@code acknowledged} event by
     * {@code actor}). An alert already acknowledged or resolved is returned unchanged, without an
     * event; the caller tells the cases apart by its status and {@code ackedBy}.
     *
     * @return the alert as it is afterwards; empty when there is no such alert
     */
    public Future<Optional<Alert>> acknowledge(long id, String actor, Instant at) {
        return changeOrFind(id, AlertSql.ACKNOWLEDGE,
                Tuple.of(id, Objects.requireNonNull(actor, "actor"), AlertRows.time(at)), at);
    }

    /**
     * Resolves an open or acknowledged alert ({@code resolved} event by {@code actor} with the note);
     * a later raise for the same source and kind opens a new alert. An alert already resolved is
     * returned unchanged, without an event.
     *
     * @param note free text, may be null
     * @return the alert as it is afterwards; empty when there is no such alert
     */
    public Future<Optional<Alert>> resolve(long id, String actor, String note, Instant at) {
        return changeOrFind(id, AlertSql.RESOLVE,
                Tuple.of(id, Objects.requireNonNull(actor, "actor"), AlertRows.time(at), note), at);
    }

    /**
     * Resolves every unresolved alert of the devices whose id starts with {@code devicePrefix}, each with a
     * {@code resolved} event by {@code actor} whose detail is {@code {"note_code": noteCode}} (a code the pages
     * translate, not a sentence). The demo closes what its previous run's scenario left with it.
     *
     * @return how many alerts were resolved
     */
    public Future<Integer> resolveAllOfDevices(String devicePrefix, String actor, String noteCode, Instant at) {
        String pattern = devicePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return pool.preparedQuery(AlertSql.RESOLVE_DEVICES_LIKE)
                .execute(Tuple.of(AlertRows.time(at), Objects.requireNonNull(actor, "actor"), pattern, noteCode))
                .map(rows -> rows.iterator().next().getLong("resolved").intValue());
    }

    /**
     * Notes that the condition behind the unresolved alert of this device and kind has ended
     * ({@code cleared} event by {@code system}); it does not resolve it. A later raise sets it back to
     * not cleared.
     *
     * @return the alert just marked; empty when there is none unresolved or it was already cleared
     */
    public Future<Optional<Alert>> markCleared(String sourceDevice, AlertKind kind, Instant at) {
        return pool.preparedQuery(AlertSql.MARK_CLEARED)
                .execute(Tuple.of(sourceDevice, kind.id(), AlertRows.time(at)))
                .map(AlertRows::first);
    }

    /**
     * Escalates up to {@code limit} open alerts whose deadline is at or before {@code now}, the most
     * overdue first: each moves to the level and deadline the plan gives, with an {@code escalated}
     * event by {@code system}; when the plan has no step the alert keeps its level and loses its
     * deadline, without an event. Alerts another node is escalating at the same moment are skipped
     * (see the class comment), so call it periodically on every node.
     *
     * @return the escalated alerts, as they are afterwards
     * @throws IllegalStateException (in the future; nothing is changed) when the plan names a level
     *     that is not above the alert's current one
     */
    public Future<List<Alert>> escalateDue(Instant now, int limit, EscalationPlan plan) {
        return pool.withTransaction(conn -> conn.preparedQuery(AlertSql.CLAIM_DUE)
                .execute(Tuple.of(AlertRows.time(now), limit))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture(List.of())
                        : escalate(conn, AlertRows.alerts(rows), now, plan)
                                .compose(escalated -> followUp.written(conn,
                                        escalated.stream().map(Alert::id).toList(), now).map(escalated))));
    }

    private static Future<List<Alert>> escalate(SqlConnection conn, List<Alert> due, Instant now,
            EscalationPlan plan) {
        int n = due.size();
        Long[] ids = new Long[n];
        String[] levels = new String[n];
        OffsetDateTime[] deadlines = new OffsetDateTime[n];
        String[] fromLevels = new String[n];
        for (int i = 0; i < n; i++) {
            Alert alert = due.get(i);
            Optional<EscalationPlan.Step> step = plan.next(alert, now);
            if (step.isPresent() && step.get().level().compareTo(alert.level()) >= 0) {
                throw new IllegalStateException("escalation plan does not go up [alert: " + alert.id() + ", from: "
                        + alert.level() + ", to: " + step.get().level() + "]");
            }
            ids[i] = alert.id();
            levels[i] = step.map(s -> s.level().id()).orElse(null);
            deadlines[i] = step.map(s -> AlertRows.time(s.escalateAt())).orElse(null);
            fromLevels[i] = alert.level().id();
        }
        return conn.preparedQuery(AlertSql.ESCALATE)
                .execute(Tuple.of(ids, levels, deadlines, fromLevels, AlertRows.time(now)))
                .map(AlertRows::alerts);
    }

    /**
     * The alert, locked until the end of the caller's transaction (a case step decides on it, then changes it).
     *
     * @return empty when there is no such alert
     */
    public Future<Optional<Alert>> lock(SqlClient transaction, long id) {
        return transaction.preparedQuery(AlertSql.LOCK).execute(Tuple.of(id)).map(AlertRows::first);
    }

    /**
     * A step of a case (ARCHITECTURE 3.8) on an alert the caller has {@link #lock locked}, on the caller's
     * transaction: the new status and level (null keeps them; {@code resolved} also sets who resolved it, when and
     * with what note) and the audit-trail row, together.
     *
     * @return the alert afterwards and the id of its new event
     */
    public Future<Stepped> step(SqlClient transaction, long id, CaseStep step) {
        JsonObject detail = step.detail() == null ? new JsonObject() : step.detail();
        return transaction.preparedQuery(AlertSql.CASE_STEP).execute(Tuple.tuple().addLong(id)
                        .addString(step.status() == null ? null : step.status().id())
                        .addString(step.level() == null ? null : step.level().id())
                        .addString(Objects.requireNonNull(step.actor(), "actor"))
                        .addOffsetDateTime(AlertRows.time(step.at()))
                        .addString(step.type().id())
                        .addString(detail.encode())
                        .addString(step.note()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Stepped(AlertRows.alert(row), row.getLong("event_id"));
                })
                .compose(stepped -> followUp.written(transaction, List.of(id), step.at()).map(stepped));
    }

    /**
     * One case step for {@link #step}.
     *
     * @param status the new status, null to keep it
     * @param level the new level, null to keep it
     * @param note kept as the resolve note when the status becomes resolved
     */
    public record CaseStep(AlertStatus status, Level level, AlertEventType type, String actor, Instant at,
            JsonObject detail, String note) {
    }

    /**
     * Opens a resolved alert again after a resident's unsatisfied rating, on the caller's transaction (which has
     * {@link #lock locked} it): status {@code open} at {@code level}, escalating from {@code escalateAt} (null: not at
     * all), acknowledgement and resolution cleared, a {@code rated} event with {@code detail}.
     *
     * @return the alert afterwards and its event's id; empty when it was not resolved
     */
    public Future<Optional<Stepped>> reopen(SqlClient transaction, long id, Level level, Instant escalateAt,
            String actor, Instant at, JsonObject detail) {
        return transaction.preparedQuery(AlertSql.REOPEN).execute(Tuple.tuple().addLong(id).addString(level.id())
                        .addOffsetDateTime(AlertRows.time(escalateAt)).addString(actor)
                        .addOffsetDateTime(AlertRows.time(at)).addString(detail.encode()))
                .map(rows -> rows.size() == 0 ? Optional.<Stepped>empty() : Optional.of(new Stepped(
                        AlertRows.alert(rows.iterator().next()), rows.iterator().next().getLong("event_id"))))
                .compose(reopened -> reopened.isEmpty() ? Future.succeededFuture(reopened)
                        : followUp.written(transaction, List.of(id), at).map(reopened));
    }

    /** An alert after a {@link CaseStep}, and the id of the audit-trail row it wrote. */
    public record Stepped(Alert alert, long eventId) {
    }

    /** The governance figures, on the same database. */
    public AlertStats stats() {
        return new AlertStats(pool);
    }

    /** The kinds and severities of the device's unresolved alerts: what a node recalls a device's rule state from. */
    public Future<Map<AlertKind, Severity>> unresolvedOf(String deviceId) {
        return pool.preparedQuery(AlertSql.UNRESOLVED_OF_DEVICE).execute(Tuple.of(deviceId)).map(rows -> {
            Map<AlertKind, Severity> open = new HashMap<>();
            rows.forEach(row -> open.put(AlertKind.fromId(row.getString("kind")).orElseThrow(),
                    Severity.fromId(row.getString("severity")).orElseThrow()));
            return open;
        });
    }

    /** Alerts in the query's scope, newest opened first. */
    public Future<List<Alert>> list(AlertQuery query) {
        List<AlertStatus> wanted = query.statuses().isEmpty() ? List.of(AlertStatus.values())
                : new ArrayList<>(query.statuses());
        Tuple params = Tuple.of(wanted.stream().map(AlertStatus::id).toArray(String[]::new),
                AlertRows.time(query.since()), query.limit());
        if (query.unitLevel() != null) {
            params.addString(query.unitId());
        }
        return pool.preparedQuery(AlertSql.list(query.unitLevel())).execute(params).map(AlertRows::alerts);
    }

    public Future<Optional<Alert>> find(long id) {
        return pool.preparedQuery(AlertSql.FIND).execute(Tuple.of(id)).map(AlertRows::first);
    }

    /** The alerts with these ids, in the order of the ids; unknown ids are left out. */
    public Future<List<Alert>> findAll(List<Long> ids) {
        return pool.preparedQuery(AlertSql.FIND_ALL).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
            java.util.Map<Long, Alert> byId = new java.util.HashMap<>();
            rows.forEach(row -> {
                Alert alert = AlertRows.alert(row);
                byId.put(alert.id(), alert);
            });
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    /** The audit trail of an alert, in the order things happened; empty for an unknown id. */
    public Future<List<AlertEvent>> events(long alertId) {
        return pool.preparedQuery(AlertSql.EVENTS).execute(Tuple.of(alertId)).map(rows -> {
            List<AlertEvent> events = new ArrayList<>(rows.size());
            rows.forEach(row -> events.add(AlertRows.event(row)));
            return events;
        });
    }

    /**
     * Runs a conditional change and its follow-up in one transaction; when it changed nothing (no event, nothing to
     * follow up), the alert as it is (if it exists).
     */
    private Future<Optional<Alert>> changeOrFind(long id, String sql, Tuple params, Instant at) {
        return pool.withTransaction(conn -> conn.preparedQuery(sql).execute(params)
                        .compose((RowSet<Row> rows) -> rows.size() == 0 ? Future.succeededFuture(Optional.<Alert>empty())
                                : followUp.written(conn, List.of(id), at).map(AlertRows.first(rows))))
                .compose(changed -> changed.isPresent() ? Future.succeededFuture(changed) : find(id));
    }
}
