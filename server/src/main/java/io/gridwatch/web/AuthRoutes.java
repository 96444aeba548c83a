package io.gridwatch.web;

import io.gridwatch.error.ClientError;

import io.gridwatch.people.LoginService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/login}: username and password for a JWT. */
final class AuthRoutes {

    private final LoginService logins;
    private final LoginThrottle throttle = new LoginThrottle(System::nanoTime);

    AuthRoutes(LoginService logins) {
        this.logins = logins;
    }

    void mount(Router router) {
        router.post("/api/login").handler(this::login);
    }

    private void login(RoutingContext ctx) {
        if (!throttle.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
            throw new ClientError(429, "too_many_requests", "too many log-in attempts from this address; wait a minute");
        }
        JsonObject body = Bodies.object(ctx);
        Object username = body.getValue("username");
        Object password = body.getValue("password");
        if (!(username instanceof String u) || !(password instanceof String p) || u.isBlank() || p.isEmpty()) {
            throw ClientError.badRequest("send {\"username\": text, \"password\": text}");
        }
        logins.login(u, p).onSuccess(session -> {
            if (session.isEmpty()) {
                ctx.fail(ClientError.unauthorized("wrong username or password"));
                return;
            }
            Bodies.ok(ctx, new JsonObject()
                    .put("token", session.get().token())
                    .put("role", session.get().role().id())
                    .put("unit", session.get().unit()));
        }).onFailure(ctx::fail);
    }
}
