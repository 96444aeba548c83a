package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.keys.ApiKey;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.people.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Keys for other systems, admins only: {@code POST /api/keys} → 201 {@code {"id","key"}} (the key shown this once),
 * {@code GET /api/keys} (never a key), {@code DELETE /api/keys/{id}} (revoked at once).
 */
final class KeyRoutes {

    private final ApiKeys keys;

    KeyRoutes(ApiKeys keys) {
        this.keys = keys;
    }

    void mount(Router router) {
        router.post("/api/keys").handler(this::issue);
        router.get("/api/keys").handler(this::list);
        router.delete("/api/keys/:id").handler(this::revoke);
    }

    private void issue(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        keys.issue(Bodies.object(ctx), Access.caller(ctx).username()).onSuccess(issued -> ctx.response()
                .setStatusCode(201).putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                .end(new JsonObject().put("id", Long.toString(issued.id())).put("key", issued.key()).encode()))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        keys.list().onSuccess(all -> Bodies.ok(ctx, new JsonObject()
                .put("keys", new JsonArray(all.stream().map(ApiKey::toJson).toList())))).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ClientError.notFound("no key " + ctx.pathParam("id"));
        }
        keys.revoke(id).onSuccess(found -> {
            if (!found) {
                ctx.fail(ClientError.notFound("no key " + id));
                return;
            }
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }
}
