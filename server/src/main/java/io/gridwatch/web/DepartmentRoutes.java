package io.gridwatch.web;

import io.gridwatch.department.Department;
import io.gridwatch.department.DepartmentRequest;
import io.gridwatch.department.Departments;
import io.gridwatch.error.ClientError;
import io.gridwatch.people.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/departments}: {@code POST} (admin; one or an array, all or nothing) → 201, {@code GET} (anyone logged
 * in; what pages need to offer a dispatch), {@code GET /{id}}, {@code PUT /{id}} (admin; replaces the department:
 * name, handles, area, notify) → 200.
 */
final class DepartmentRoutes {

    private static final int MAX_BATCH = 200;

    private final Departments departments;

    DepartmentRoutes(Departments departments) {
        this.departments = departments;
    }

    void mount(Router router) {
        router.post("/api/departments").handler(this::add);
        router.get("/api/departments").handler(this::list);
        router.get("/api/departments/:id").handler(this::fetch);
        router.put("/api/departments/:id").handler(this::replace);
    }

    private void add(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        Bodies.Items<DepartmentRequest> items = Bodies.items(ctx, MAX_BATCH, "department", DepartmentRequest::parse);
        departments.add(items.items()).onSuccess(added -> {
            JsonArray out = new JsonArray();
            added.forEach(department -> out.add(department.toJson()));
            Bodies.created(ctx, items.single(), out);
        }).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Access.role(ctx);
        departments.store().list().onSuccess(all -> {
            JsonArray out = new JsonArray();
            all.forEach(department -> out.add(department.toJson()));
            Bodies.ok(ctx, new JsonObject().put("departments", out));
        }).onFailure(ctx::fail);
    }

    private void fetch(RoutingContext ctx) {
        Access.role(ctx);
        String id = ctx.pathParam("id");
        departments.store().find(id).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(ClientError.notFound("no department \"" + id + "\""));
            } else {
                Bodies.ok(ctx, found.get().toJson());
            }
        }).onFailure(ctx::fail);
    }

    private void replace(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        JsonObject body = Bodies.object(ctx);
        Object given = body.getValue("id");
        if (given != null && !id.equals(given)) {
            throw ClientError.badRequest("the body's id \"" + given + "\" is not the URL's \"" + id + "\"");
        }
        DepartmentRequest request = DepartmentRequest.parse(body.copy().put("id", id), "");
        departments.replace(request).map(Department::toJson).onSuccess(json -> Bodies.ok(ctx, json))
                .onFailure(ctx::fail);
    }
}
