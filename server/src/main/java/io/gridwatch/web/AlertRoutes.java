package io.gridwatch.web;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEvent;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.casework.CaseViews;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/alerts}: listing and fetching within the caller's unit (department staff: the cases dispatched to
 * them), each alert with its {@code case} when it has one, acknowledging and resolving through
 * {@link AlertLifecycle} (which checks access and state and tells the people concerned).
 */
final class AlertRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1_000;
    static final int MAX_NOTE_CHARS = 2_000;

    private final AlertLifecycle lifecycle;
    private final AlertStore store;
    private final CaseViews cases;
    private final Grid grid;

    /** @param cases adds each alert's {@code case} (its latest dispatch to a department) when it has one */
    AlertRoutes(AlertLifecycle lifecycle, CaseViews cases, Grid grid) {
        this.lifecycle = lifecycle;
        this.store = lifecycle.store();
        this.cases = cases;
        this.grid = grid;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::fetch);
        router.post("/api/alerts/:id/ack").handler(this::acknowledge);
        router.post("/api/alerts/:id/resolve").handler(this::resolve);
    }

    private void list(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        Set<AlertStatus> statuses = statuses(ctx.queryParams().getAll("status"));
        Instant since = Bodies.instantParam(ctx, "since");
        int limit = Bodies.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        AlertQuery query = Access.scope(caller,
                new AlertQuery(statuses, null, null, since, limit), grid, ctx.queryParams().get("unit"));
        store.list(query).compose(cases::render)
                .onSuccess(alerts -> Bodies.ok(ctx, new JsonObject().put("alerts", alerts)))
                .onFailure(ctx::fail);
    }

    private void fetch(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        long id = id(ctx);
        store.find(id).compose(found -> {
            // one outside the caller's scope answers as an unknown one: alert ids are not to be probed
            if (found.isEmpty() || !caller.sees(found.get())) {
                return Future.failedFuture(ClientError.notFound("no alert " + id));
            }
            // department staff see the cases dispatched to their department; one outside the caller's scope answers
            // as an unknown one: alert ids are not to be probed
            Future<Boolean> sees = caller.role().isDepartment() ? cases.departmentSees(caller, id)
                    : Future.succeededFuture(caller.sees(found.get()));
            return sees.compose(visible -> visible ? cases.render(found.get())
                    : Future.failedFuture(ClientError.notFound("no alert " + id)));
        }).compose(json -> store.events(id).map(events -> withEvents(json, events)))
                .onSuccess(json -> Bodies.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void acknowledge(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        reply(ctx, lifecycle.acknowledge(id(ctx), caller));
    }

    private void resolve(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        long id = id(ctx);
        reply(ctx, lifecycle.resolve(id, caller, note(ctx)));
    }

    private static void reply(RoutingContext ctx, Future<Alert> changed) {
        changed.onSuccess(alert -> Bodies.ok(ctx, alert.toJson())).onFailure(ctx::fail);
    }

    private static JsonObject withEvents(JsonObject alert, List<AlertEvent> events) {
        JsonArray trail = new JsonArray();
        events.forEach(event -> trail.add(new JsonObject()
                .put("at", event.at().toString())
                .put("type", event.type().id())
                .put("actor", event.actor())
                .put("level", event.level().id())
                .put("severity", event.severity().id())
                .put("detail", event.detail())));
        return alert.put("events", trail);
    }

    /** {@code status} given once or more, each one status or a comma-separated list; none: every status. */
    private static Set<AlertStatus> statuses(List<String> values) {
        Set<AlertStatus> statuses = EnumSet.noneOf(AlertStatus.class);
        for (String value : values) {
            for (String id : value.split(",")) {
                statuses.add(AlertStatus.fromId(id.trim()).orElseThrow(() -> ClientError.badRequest(
                        "status must be one of " + Arrays.stream(AlertStatus.values()).map(AlertStatus::id).toList()
                                + ", got \"" + id.trim() + "\"")));
            }
        }
        return statuses;
    }

    static long id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest("an alert id is a positive whole number, got \"" + id + "\"");
    }

    /** The optional {@code note} of a resolve: no body, {@code {}} or {@code {"note": null}} mean none. */
    private static String note(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            return null;
        }
        Object note = Bodies.object(ctx).getValue("note");
        if (note != null && !(note instanceof String)) {
            throw ClientError.badRequest("note must be text");
        }
        String value = (String) note;
        if (value != null && value.length() > MAX_NOTE_CHARS) {
            throw ClientError.badRequest("note is at most " + MAX_NOTE_CHARS + " characters, got " + value.length());
        }
        return value;
    }
}
