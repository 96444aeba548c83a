package io.gridwatch.web;

import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.device.DeviceRequest;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.model.Device;
import io.gridwatch.people.Role;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** {@code /api/devices}: registration (admin), listing, fetching and recent readings (staff, within their units). */
final class DeviceRoutes {

    private static final int MAX_BATCH = 10_000;
    private static final int MAX_PAGE = 1_000;
    private static final int MAX_READINGS = 500;
    private static final Duration DEFAULT_READINGS_WINDOW = Duration.ofHours(24);

    private final DeviceRegistry registry;
    private final DeviceStore store;
    private final Grid grid;

    DeviceRoutes(DeviceRegistry registry, DeviceStore store, Grid grid) {
        this.registry = registry;
        this.store = store;
        this.grid = grid;
    }

    void mount(Router router) {
        router.post("/api/devices").handler(this::register);
        router.get("/api/devices").handler(this::list);
        router.get("/api/devices/:id").handler(this::fetch);
        router.get("/api/devices/:id/readings").handler(this::readings);
    }

    private void register(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        Bodies.Items<DeviceRequest> request = Bodies.items(ctx, MAX_BATCH, "device", DeviceRequest::parse);
        registry.register(request.items()).onSuccess(registrations -> {
            JsonArray out = new JsonArray();
            registrations.forEach(r -> out.add(new JsonObject()
                    .put("id", r.device().id())
                    .put("token", r.token())
                    .put("path", DeviceJson.path(r.path()))));
            Bodies.created(ctx, request.single(), out);
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Set<String> scope = Access.cellsInScope(ctx, grid);
        int limit = Bodies.intParam(ctx, "limit", 100, 1, MAX_PAGE);
        int offset = Bodies.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        store.list(limit, offset, scope).onSuccess(devices -> {
            JsonArray out = new JsonArray();
            devices.forEach(d -> out.add(DeviceJson.device(d, grid, null)));
            Bodies.ok(ctx, new JsonObject().put("devices", out).put("limit", limit).put("offset", offset));
        }).onFailure(ctx::fail);
    }

    private void fetch(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        visible(ctx, id).compose(device -> store.state(id).map(state -> DeviceJson.device(device, grid, state.orElse(null))))
                .onSuccess(json -> Bodies.ok(ctx, json)).onFailure(ctx::fail);
    }

    /** {@code GET /api/devices/{id}/readings?since=ISO&limit=}: recent values, oldest first (a map's sparkline). */
    private void readings(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Instant since = since(ctx);
        int limit = Bodies.intParam(ctx, "limit", MAX_READINGS, 1, MAX_READINGS);
        visible(ctx, id).compose(device -> store.recentReadings(id, since, limit)).onSuccess(readings -> {
            JsonArray out = new JsonArray();
            readings.forEach(r -> out.add(DeviceJson.reading(r)));
            Bodies.ok(ctx, new JsonObject().put("id", id).put("since", since.toString()).put("readings", out));
        }).onFailure(ctx::fail);
    }

    /** The device, when the caller may see it; one outside the caller's units is "not found": ids are not to be probed. */
    private Future<Device> visible(RoutingContext ctx, String id) {
        Set<String> scope = Access.cellsInScope(ctx, grid);
        return store.find(id).compose(found -> found.isEmpty() || (scope != null && !scope.contains(found.get().cellId()))
                ? Future.failedFuture(ClientError.notFound("no device \"" + id + "\""))
                : Future.succeededFuture(found.get()));
    }

    private static Instant since(RoutingContext ctx) {
        Instant since = Bodies.instantParam(ctx, "since");
        return since != null ? since : Instant.now().minus(DEFAULT_READINGS_WINDOW);
    }
}
