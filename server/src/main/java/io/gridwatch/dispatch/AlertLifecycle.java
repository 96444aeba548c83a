package io.gridwatch.dispatch;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEventType;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.alert.EscalationPlan;
import io.gridwatch.alert.NewAlert;
import io.gridwatch.alert.RaiseResult;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.metrics.AlarmStage;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.rules.Decision;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The life of an alert, from the rules' decisions and people's actions to the database and the people it concerns:
 * raise (routed to the lowest staffed level, with a deadline per severity), clear, acknowledge, resolve, escalate.
 * The database is the source of truth; each change is published only after it committed, and only when it really
 * changed something.
 *
 * <p>Times are the server's clock (truncated to the database's microseconds), not the device's: deadlines and the
 * time to acknowledge must not depend on a sensor's clock or on how late a backlog arrived.
 *
 * <p>Thread-safe: it holds no state of its own.
 */
public final class AlertLifecycle {

    /** The actor of changes the server makes on its own, in the audit trail. */
    public static final String SYSTEM = "system";
    /** Conditions that are over when they clear; smoke that stopped is not a fire that was checked, so it stays. */
    private static final Set<AlertKind> RESOLVED_WHEN_CLEARED = Set.of(AlertKind.OFFLINE, AlertKind.BATTERY);

    private final AlertStore store;
    private final Routing routing;
    private final EscalateAfter escalateAfter;
    private final AlertPublisher publisher;
    private final Clock clock;

    public AlertLifecycle(AlertStore store, Routing routing, EscalateAfter escalateAfter, AlertPublisher publisher,
            Clock clock) {
        this.store = store;
        this.routing = routing;
        this.escalateAfter = escalateAfter;
        this.publisher = publisher;
        this.clock = clock;
    }

    public AlertStore store() {
        return store;
    }

    /** Turns a rule's decision about a device on {@code path} into an alert change. */
    public Future<Void> apply(Decision decision, GridPath path) {
        if (decision instanceof Decision.Raise raise) {
            return raise(raise.kind(), raise.severity(), AlertSource.device(raise.deviceId()), path, raise.value(),
                    raise.reason(), raise.repeat()).mapEmpty();
        }
        if (decision instanceof Decision.Clear clear) {
            return clear(clear);
        }
        return Future.succeededFuture();
    }

    /**
     * Opens an alert for the source and kind, or updates the unresolved one.
     *
     * @param quiet a repeat that changes only the count and the last value: stored, but nobody is notified again
     */
    public Future<RaiseResult> raise(AlertKind kind, Severity severity, AlertSource source, GridPath path,
            Double value, Reason reason, boolean quiet) {
        return store.raise(routed(kind, severity, source, path, value, reason))
                .onSuccess(result -> {
                    AlarmStage.mark(source.device(), "alert committed");
                    if (result.opened() || !quiet) {
                        publisher.publish(result.event(), result.alert());
                        AlarmStage.mark(source.device(), "published");
                    }
                });
    }

    /**
     * {@link #raise} on the caller's connection, inside the caller's transaction (a resident's report and its
     * alert commit together). Nobody is told: once committed, the caller {@link #announce}s the alert.
     */
    public Future<RaiseResult> raiseWithin(SqlClient transaction, AlertKind kind, Severity severity,
            AlertSource source, GridPath path, Double value, Reason reason) {
        return store.raise(transaction, routed(kind, severity, source, path, value, reason));
    }

    /** Tells the people on the alert's path about a change that has committed. */
    public void announce(AlertEventType event, Alert alert) {
        publisher.publish(event, alert);
    }

    /** The raise, addressed to the lowest staffed level, with a deadline unless nobody is above it. */
    private NewAlert routed(AlertKind kind, Severity severity, AlertSource source, GridPath path, Double value,
            Reason reason) {
        Instant now = now();
        Level start = routing.start(path);
        return new NewAlert(kind, severity, source, path, start, value, reason, now, escalateAt(severity, start, now));
    }

    /** Marks the device's alert of that kind cleared; offline and battery alerts are then resolved by the system. */
    private Future<Void> clear(Decision.Clear clear) {
        Instant now = now();
        return store.markCleared(clear.deviceId(), clear.kind(), now).compose(marked -> {
            if (marked.isEmpty()) {
                return Future.succeededFuture();
            }
            if (!RESOLVED_WHEN_CLEARED.contains(clear.kind())) {
                publisher.publish(AlertEventType.UPDATED, marked.get());
                return Future.succeededFuture();
            }
            return store.resolve(marked.get().id(), SYSTEM, "cleared: " + clear.reason().text(), now)
                    .onSuccess(resolved -> resolved.filter(a -> now.equals(a.resolvedAt()))
                            .ifPresent(a -> publisher.publish(AlertEventType.RESOLVED, a)))
                    .mapEmpty();
        });
    }

    /**
     * Acknowledges an open alert for the caller and stops its escalation. Acknowledging an acknowledged alert again
     * returns it as it is.
     *
     * @throws ClientError (in the future) 404 unknown, 403 outside the caller's unit or a watching role, 409 resolved
     */
    public Future<Alert> acknowledge(long id, Caller caller) {
        return actionable(id, caller).compose(alert -> {
            Instant now = now();
            return store.acknowledge(id, caller.username(), now).map(Optional::orElseThrow).onSuccess(after -> {
                if (now.equals(after.ackedAt()) && caller.username().equals(after.ackedBy())) {
                    publisher.publish(AlertEventType.ACKNOWLEDGED, after);
                }
            });
        });
    }

    /**
     * Resolves an open or acknowledged alert for the caller, with a note.
     *
     * @throws ClientError (in the future) 404 unknown, 403 outside the caller's unit or a watching role, 409 resolved
     */
    public Future<Alert> resolve(long id, Caller caller, String note) {
        return actionable(id, caller).compose(alert -> {
            Instant now = now();
            return store.resolve(id, caller.username(), note, now).map(Optional::orElseThrow).onSuccess(after -> {
                if (now.equals(after.resolvedAt()) && caller.username().equals(after.resolvedBy())) {
                    publisher.publish(AlertEventType.RESOLVED, after);
                }
            });
        });
    }

    /**
     * Escalates up to {@code limit} due alerts one staffed level up and tells the people concerned. Safe to call on
     * every node at once: each due deadline fires on exactly one.
     */
    public Future<List<Alert>> escalateDue(int limit) {
        EscalationPlan plan = (alert, at) -> routing.next(alert.path(), alert.level())
                .map(level -> new EscalationPlan.Step(level, escalateAt(alert.severity(), level, at)));
        return store.escalateDue(now(), limit, plan)
                .onSuccess(escalated -> escalated.forEach(a -> publisher.publish(AlertEventType.ESCALATED, a)));
    }

    /** Where a case stands and when it climbs next: {@code escalateAt} is null at the top. */
    public record Placement(Level level, Instant escalateAt) {
    }

    /**
     * Where a closed case reopens after an unsatisfied rating (回访不满意重办): the first staffed level above the one
     * that closed it (the district stays the district), with a fresh deadline for its severity.
     */
    public Placement reopening(GridPath path, Level closedAt, Severity severity, Instant now) {
        Level level = routing.next(path, closedAt).orElse(closedAt);
        return new Placement(level, escalateAt(severity, level, now));
    }

    /**
     * The deadline of an alert of this severity that someone above may take over: {@code from} plus the severity's
     * wait ({@code GRIDWATCH_ESCALATE_AFTER}). Every deadline is computed here.
     */
    public Instant escalateAt(Severity severity, Instant from) {
        return from.plus(escalateAfter.of(severity));
    }

    /** The deadline of an alert addressed to {@code level}: none at the top, nobody is above it. */
    private Instant escalateAt(Severity severity, Level level, Instant from) {
        return Routing.isTop(level) ? null : escalateAt(severity, from);
    }

    private Future<Alert> actionable(long id, Caller caller) {
        return store.find(id).compose(found -> {
            // one outside the caller's scope answers as an unknown one: alert ids are not to be probed
            if (found.isEmpty() || !caller.sees(found.get())) {
                return Future.failedFuture(ClientError.notFound("no alert " + id));
            }
            Alert alert = found.get();
            if (!caller.mayAct(alert)) {
                return Future.failedFuture(ClientError.forbidden(
                        "a " + caller.role().id() + " watches alerts; grid staff acknowledge and resolve them"));
            }
            if (alert.status() == AlertStatus.RESOLVED) {
                return Future.failedFuture(ClientError.conflict("alert " + id + " is already resolved"));
            }
            if (alert.status().withDepartment()) {
                return Future.failedFuture(ClientError.conflict("alert " + id + " is " + alert.status().id()
                        + ": a department has the case; verify its handling instead"));
            }
            return Future.succeededFuture(alert);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
