package io.gridwatch.web;

import io.gridwatch.error.ClientError;

import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.device.DeviceRequest;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.people.Role;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** {@code /api/devices}: registration (admin), listing and fetching (staff, within their units). */
final class DeviceRoutes {

    private static final int MAX_BATCH = 10_000;
    private static final int MAX_PAGE = 1_000;

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
        Set<String> scope = Access.cellsInScope(ctx, grid);
        String id = ctx.pathParam("id");
        store.find(id).compose(found -> {
            // a device outside the caller's units is "not found": ids are not to be probed
            if (found.isEmpty() || (scope != null && !scope.contains(found.get().cellId()))) {
                return Future.failedFuture(ClientError.notFound("no device \"" + id + "\""));
            }
            return store.state(id).map(state -> DeviceJson.device(found.get(), grid, state.orElse(null)));
        }).onSuccess(json -> Bodies.ok(ctx, json)).onFailure(ctx::fail);
    }
}
