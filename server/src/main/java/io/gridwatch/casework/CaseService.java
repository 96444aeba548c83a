package io.gridwatch.casework;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEvent;
import io.gridwatch.alert.AlertEventType;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.config.CaseDue;
import io.gridwatch.department.Department;
import io.gridwatch.department.DepartmentStore;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.dispatch.Routing;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Level;
import io.gridwatch.outbox.Outbox;
import io.gridwatch.report.SanitizedImage;
import io.gridwatch.model.AlertKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The case lifecycle of ARCHITECTURE 3.8: the grid dispatches an acknowledged (or returned) alert to a department,
 * the department accepts, handles (with a note and photos) or returns it, the grid verifies the handling (pass:
 * resolved; fail: back to accepted), and a case left past its due time goes {@code overdue} once.
 *
 * <p>Each step is one transaction: lock the alert (the case's lock), check who may act (403) and whether the step
 * fits the status (409, naming it), then write the alert's status, its audit-trail row (through {@link AlertStore}),
 * the dispatch row and the outbox messages together, or nothing. People are told over websockets only after the
 * commit. Times are the server's clock. Thread-safe: no state of its own.
 */
public final class CaseService {

    /** The longest due time a dispatcher may give. */
    static final Duration MAX_DUE = Duration.ofDays(90);
    private static final Set<AlertStatus> DISPATCHABLE = Set.of(AlertStatus.ACKNOWLEDGED, AlertStatus.RETURNED);

    private final AlertStore alerts;
    private final CaseStore cases;
    private final DepartmentStore departments;
    private final Routing routing;
    private final CaseDue due;
    private final CasePublisher publisher;
    private final Clock clock;

    public CaseService(AlertStore alerts, CaseStore cases, DepartmentStore departments, Routing routing, CaseDue due,
            CasePublisher publisher, Clock clock) {
        this.alerts = alerts;
        this.cases = cases;
        this.departments = departments;
        this.routing = routing;
        this.due = due;
        this.publisher = publisher;
        this.clock = clock;
    }

    public CaseStore store() {
        return cases;
    }

    public AlertStore alerts() {
        return alerts;
    }

    /**
     * Dispatches an acknowledged or returned alert.
     *
     * @param departmentId null: the department that takes the alert's kind (or its report's category) on its path
     * @param dueIn null: the default of the alert's severity
     */
    public Future<CaseChange> dispatch(long id, Caller caller, String departmentId, String note, Duration dueIn) {
        if (dueIn != null && (dueIn.isNegative() || dueIn.isZero() || dueIn.compareTo(MAX_DUE) > 0)) {
            return Future.failedFuture(ClientError.badRequest("due must be a positive duration of at most "
                    + MAX_DUE.toDays() + " days"));
        }
        return inCase(id, (conn, alert, live) -> {
            gridSide(caller, alert, "dispatch");
            if (!DISPATCHABLE.contains(alert.status())) {
                throw wrongState(alert, "dispatch", "acknowledge it first");
            }
            Instant now = now();
            return chooseDepartment(conn, alert, departmentId).compose(department -> {
                Instant dueAt = now.plus(dueIn != null ? dueIn : due.of(alert.severity()));
                Level level = caller.role().unitLevel();
                JsonObject detail = new JsonObject().put("department", department.id())
                        .put("due_at", dueAt.toString()).put("note", note);
                return cases.insert(conn, alert.id(), department.id(), caller.username(), level, note, now, dueAt)
                        .compose(dispatchId -> step(conn, alert, dispatchId, AlertStatus.DISPATCHED, null,
                                AlertEventType.DISPATCHED, caller.username(), now, detail, null, null));
            });
        });
    }

    public Future<CaseChange> accept(long id, Caller caller) {
        return inCase(id, (conn, alert, live) -> {
            Dispatch dispatch = departmentSide(caller, alert, live, "accept");
            if (alert.status() != AlertStatus.DISPATCHED) {
                throw wrongState(alert, "accept", "only a dispatched case is accepted");
            }
            Instant now = now();
            return cases.update(conn, CaseSql.ACCEPT, Tuple.of(dispatch.id(), CaseStore.time(now), caller.username()))
                    .compose(done -> step(conn, alert, dispatch.id(), AlertStatus.ACCEPTED, null,
                            AlertEventType.ACCEPTED, caller.username(), now,
                            new JsonObject().put("department", dispatch.departmentId()), null, null));
        });
    }

    /**
     * @param shared whether the resident who reported it may see the note and photos
     * @param photos already sanitised (see {@code ImageSanitizer}), stored in this order
     */
    public Future<CaseChange> handle(long id, Caller caller, String note, boolean shared,
            List<SanitizedImage> photos) {
        return inCase(id, (conn, alert, live) -> {
            Dispatch dispatch = departmentSide(caller, alert, live, "handle");
            if (alert.status() != AlertStatus.ACCEPTED) {
                throw wrongState(alert, "handle", "accept it first");
            }
            Instant now = now();
            JsonObject detail = new JsonObject().put("department", dispatch.departmentId()).put("note", note)
                    .put("photos", photos.size());
            return cases.update(conn, CaseSql.HANDLE, Tuple.of(dispatch.id(), CaseStore.time(now), caller.username(),
                            note, shared))
                    .compose(done -> cases.addPhotos(conn, dispatch.id(), alert.id(), photos))
                    .compose(done -> step(conn, alert, dispatch.id(), AlertStatus.HANDLED, null,
                            AlertEventType.HANDLED, caller.username(), now, detail, null, null));
        });
    }

    /** Back to the level that dispatched it, with the department's reason. */
    public Future<CaseChange> returnCase(long id, Caller caller, String reason) {
        return inCase(id, (conn, alert, live) -> {
            Dispatch dispatch = departmentSide(caller, alert, live, "return");
            if (alert.status() != AlertStatus.DISPATCHED && alert.status() != AlertStatus.ACCEPTED) {
                throw wrongState(alert, "return", "only a dispatched or accepted case is returned");
            }
            Instant now = now();
            Level back = dispatch.dispatchLevel();
            JsonObject detail = new JsonObject().put("department", dispatch.departmentId()).put("reason", reason)
                    .put("to", back.id());
            return cases.update(conn, CaseSql.RETURN, Tuple.of(dispatch.id(), CaseStore.time(now), reason))
                    .compose(done -> step(conn, alert, dispatch.id(), AlertStatus.RETURNED, back,
                            AlertEventType.RETURNED, caller.username(), now, detail, null, null));
        });
    }

    /** Pass: resolved. Fail: back to accepted, the handling taken back, with the note. */
    public Future<CaseChange> verify(long id, Caller caller, boolean pass, String note) {
        return inCase(id, (conn, alert, live) -> {
            gridSide(caller, alert, "verify");
            if (alert.status() != AlertStatus.HANDLED || live == null) {
                throw wrongState(alert, "verify", "only a handled case is verified");
            }
            Instant now = now();
            JsonObject detail = new JsonObject().put("department", live.departmentId()).put("pass", pass)
                    .put("note", note);
            Future<Void> written = pass
                    ? cases.update(conn, CaseSql.VERIFIED, Tuple.of(live.id(), CaseStore.time(now), caller.username()))
                    : cases.update(conn, CaseSql.REJECTED, Tuple.of(live.id()));
            return written.compose(done -> step(conn, alert, live.id(),
                    pass ? AlertStatus.RESOLVED : AlertStatus.ACCEPTED, null, AlertEventType.VERIFIED,
                    caller.username(), now, detail, pass ? note : null, null));
        });
    }

    /**
     * Raises {@code overdue} on up to {@code limit} cases past their due time that nobody handled or returned, once
     * each: to the department and to the level above the dispatcher (the alert climbs there). Safe to call on every
     * node at once (see {@link CaseSql#CLAIM_OVERDUE}); a restart neither loses nor repeats one, since the mark is
     * written with the event.
     */
    public Future<List<CaseChange>> overdueDue(int limit) {
        Instant now = now();
        return cases.pool().withTransaction(conn -> cases.claimOverdue(conn, now, limit).compose(ids -> {
            List<CaseChange> changes = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (long id : ids) {
                chain = chain.compose(previous -> overdue(conn, id, now).map(change -> {
                    change.ifPresent(changes::add);
                    return null;
                }));
            }
            return chain.map(changes);
        })).onSuccess(changes -> changes.forEach(publisher::publish));
    }

    private Future<Optional<CaseChange>> overdue(SqlConnection conn, long id, Instant now) {
        return alerts.lock(conn, id).compose(found -> cases.live(conn, id).compose(live -> {
            if (found.isEmpty() || live.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Alert alert = found.get();
            Dispatch dispatch = live.get();
            boolean due = dispatch.overdueAt() == null && dispatch.handledAt() == null && !dispatch.dueAt().isAfter(now)
                    && (alert.status() == AlertStatus.DISPATCHED || alert.status() == AlertStatus.ACCEPTED);
            if (!due) {
                return Future.succeededFuture(Optional.empty());
            }
            Level above = routing.next(alert.path(), dispatch.dispatchLevel()).orElse(dispatch.dispatchLevel());
            Level climbed = above.compareTo(alert.level()) < 0 ? above : null;
            JsonObject detail = new JsonObject().put("department", dispatch.departmentId())
                    .put("due_at", dispatch.dueAt().toString()).put("to", above.id());
            return cases.update(conn, CaseSql.OVERDUE, Tuple.of(dispatch.id(), CaseStore.time(now)))
                    .compose(done -> step(conn, alert, dispatch.id(), null, climbed, AlertEventType.OVERDUE,
                            AlertEvent.SYSTEM, now, detail, null, above))
                    .map(Optional::of);
        }));
    }

    /** One step inside a case's transaction. */
    @FunctionalInterface
    private interface Step {
        Future<CaseChange> apply(SqlConnection conn, Alert alert, Dispatch live);
    }

    /** Locks the alert, reads its live dispatch, runs the step; publishes once it committed. */
    private Future<CaseChange> inCase(long id, Step step) {
        return cases.pool().withTransaction(conn -> alerts.lock(conn, id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ClientError.notFound("no alert " + id));
            }
            return cases.live(conn, id).compose(live -> {
                try {
                    return step.apply(conn, found.get(), live.orElse(null));
                } catch (ClientError e) {
                    return Future.failedFuture(e);
                }
            });
        })).onSuccess(publisher::publish);
    }

    /** Writes the alert's status and event, then the notifications of the step, on the step's transaction. */
    private Future<CaseChange> step(SqlConnection conn, Alert alert, long dispatchId, AlertStatus status, Level level,
            AlertEventType type, String actor, Instant at, JsonObject detail, String resolveNote, Level lowest) {
        return alerts.step(conn, alert.id(), new AlertStore.CaseStep(status, level, type, actor, at, detail,
                        resolveNote))
                .compose(stepped -> cases.byId(conn, dispatchId).map(dispatch -> new CaseChange(stepped.alert(),
                        dispatch, type, stepped.eventId(), lowest)))
                .compose(change -> departments.find(conn, change.dispatch().departmentId())
                        .compose(department -> cases.unitTargets(conn, new ArrayList<>(alert.path().asMap().values()))
                                .compose(units -> Outbox.enqueue(conn, CaseNotices.of(change, actor, at, detail,
                                        department.map(Department::notifyTarget).orElse(null), units), at)))
                        .map(change));
    }

    private Future<Department> chooseDepartment(SqlConnection conn, Alert alert, String departmentId) {
        if (departmentId != null) {
            return departments.find(conn, departmentId).compose(found -> found.map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(ClientError.unprocessable("no department \"" + departmentId
                            + "\""))));
        }
        Future<Optional<String>> handle = alert.kind() == AlertKind.REPORT ? cases.firstCategory(conn, alert.id())
                : Future.succeededFuture(Optional.of(alert.kind().id()));
        List<String> pathUp = new ArrayList<>(alert.path().asMap().values());
        java.util.Collections.reverse(pathUp);
        return handle.compose(h -> h.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
                        : departments.defaultFor(conn, h.get(), pathUp))
                .compose(chosen -> chosen.isEmpty()
                        ? Future.failedFuture(ClientError.unprocessable("no department takes " + alert.kind().id()
                                + " alerts here by default; name one in \"department\""))
                        : departments.find(conn, chosen.get()).map(Optional::orElseThrow));
    }

    /** @throws ClientError 403 unless the caller acts for the grid on this alert */
    private static void gridSide(Caller caller, Alert alert, String step) {
        if (caller.mayAct(alert)) {
            return;
        }
        if (caller.role().isDepartment()) {
            throw ClientError.forbidden("departments accept, handle and return cases; the grid staff " + step);
        }
        throw ClientError.forbidden(caller.sees(alert)
                ? "a " + caller.role().id() + " watches alerts; grid staff " + step + " them"
                : "alert " + alert.id() + " is outside your unit " + caller.unit());
    }

    /** @throws ClientError 403 unless the caller is staff of the department the case is with */
    private static Dispatch departmentSide(Caller caller, Alert alert, Dispatch live, String step) {
        if (!caller.role().isDepartment()) {
            throw ClientError.forbidden("only the department the case is dispatched to may " + step + " it; you are "
                    + caller.role().id());
        }
        if (live == null || !live.departmentId().equals(caller.unit())) {
            throw ClientError.forbidden("case " + alert.id() + " is not with your department " + caller.unit());
        }
        return live;
    }

    private static ClientError wrongState(Alert alert, String step, String hint) {
        return ClientError.conflict("cannot " + step + " alert " + alert.id() + ": it is "
                + alert.status().id() + " (" + hint + ")");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
