package io.gridwatch.web;

import io.gridwatch.alert.AlertFigures;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStats;
import io.gridwatch.casework.CaseStats;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/stats?unit=&from=&to=}: the governance figures of a unit (default: the caller's own) over a period
 * (default: the last 30 days), for the caller's unit or one below it; the district, rescue teams and admins may ask
 * about any unit.
 */
final class StatsRoutes {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final AlertStats stats;
    private final CaseStats cases;
    private final Grid grid;
    private final Clock clock;

    StatsRoutes(AlertStats stats, CaseStats cases, Grid grid, Clock clock) {
        this.stats = stats;
        this.cases = cases;
        this.grid = grid;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/stats").handler(this::stats);
    }

    private void stats(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        String unitId = ctx.queryParams().contains("unit") ? ctx.queryParams().get("unit") : caller.unit();
        AlertQuery scope = Access.scope(caller, AlertQuery.all(1), grid, unitId);
        Instant given = Bodies.instantParam(ctx, "to");
        Instant to = given != null ? given : clock.instant();
        Instant from = Bodies.instantParam(ctx, "from");
        if (from == null) {
            from = to.minus(DEFAULT_PERIOD);
        }
        if (!from.isBefore(to)) {
            throw ClientError.badRequest("from must be before to");
        }
        GridUnit unit = grid.unit(scope.unitId()).orElseThrow();
        Instant start = from;
        Future<AlertFigures> alerts = stats.figures(scope.unitLevel(), scope.unitId(), from, to);
        Future<JsonObject> caseFigures = cases.figures(scope.unitLevel(), scope.unitId(), from, to);
        Future.all(alerts, caseFigures)
                .onSuccess(both -> Bodies.ok(ctx, json(unit, start, to, alerts.result()).mergeIn(caseFigures.result())))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(GridUnit unit, Instant from, Instant to, AlertFigures f) {
        JsonObject escalations = new JsonObject();
        for (Level level : new Level[] {Level.SECTOR, Level.COMMUNITY, Level.SUBDISTRICT, Level.DISTRICT}) {
            escalations.put(level.id(), f.escalations().get(level));
        }
        return new JsonObject()
                .put("unit", new JsonObject().put("id", unit.id()).put("level", unit.level().id())
                        .put("name", unit.name()))
                .put("from", from.toString())
                .put("to", to.toString())
                .put("opened", f.opened())
                .put("acknowledged", f.acknowledged())
                .put("resolved", f.resolved())
                .put("settled_at_cell", settled(f, f.settledAtCell()))
                .put("settled_in_sector", settled(f, f.settledInSector()))
                .put("time_to_ack_s", new JsonObject().put("median", f.ackMedianSeconds()).put("p90", f.ackP90Seconds()))
                .put("escalations", escalations);
    }

    private static JsonObject settled(AlertFigures f, long count) {
        return new JsonObject().put("count", count).put("share", f.share(count));
    }
}
