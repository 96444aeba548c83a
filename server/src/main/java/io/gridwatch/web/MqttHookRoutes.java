package io.gridwatch.web;

import io.gridwatch.broker.MqttHooks;
import io.gridwatch.error.ClientError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * The broker's HTTP auth and ACL hooks, in the shape EMQX 5's HTTP authenticator and authorizer call:
 * {@code POST /api/mqtt/auth {"username","password","clientid"?}} and
 * {@code POST /api/mqtt/acl {"username","topic","action":"publish"|"subscribe","clientid"?}}, each answered
 * {@code 200 {"result":"allow"|"deny"}}. Other fields the broker sends are ignored.
 *
 * <p>Only the broker may ask: header {@value #SECRET_HEADER} must carry {@code GRIDWATCH_MQTT_HOOK_SECRET} (else 401;
 * past 10 wrong secrets from one address, one try per 6 s, else 429); without that setting the hooks are off (404).
 * A body that cannot be read is a 400 and changes nothing. Mount before the log-in handler of {@code /api}: the broker
 * has no log-in.
 */
final class MqttHookRoutes {

    static final String SECRET_HEADER = "X-Gridwatch-Hook-Secret";

    private final Optional<MqttHooks> hooks;
    private final LoginThrottle wrongSecrets = new LoginThrottle(System::nanoTime);

    MqttHookRoutes(Optional<MqttHooks> hooks) {
        this.hooks = hooks;
    }

    void mount(Router router) {
        router.post("/api/mqtt/auth").handler(this::auth);
        router.post("/api/mqtt/acl").handler(this::acl);
    }

    private void auth(RoutingContext ctx) {
        MqttHooks admitted = admitted(ctx);
        JsonObject body = Bodies.object(ctx);
        answer(ctx, admitted.authenticate(text(body, "username"), text(body, "password")));
    }

    private void acl(RoutingContext ctx) {
        MqttHooks admitted = admitted(ctx);
        JsonObject body = Bodies.object(ctx);
        String username = text(body, "username");
        String topic = text(body, "topic");
        MqttHooks.Action action = switch (text(body, "action").toLowerCase(Locale.ROOT)) {
            case "publish" -> MqttHooks.Action.PUBLISH;
            case "subscribe" -> MqttHooks.Action.SUBSCRIBE;
            default -> throw ClientError.badRequest("action must be \"publish\" or \"subscribe\"");
        };
        answer(ctx, admitted.authorize(username, topic, action));
    }

    /** The hooks, once the caller proved to be the broker. */
    private MqttHooks admitted(RoutingContext ctx) {
        MqttHooks on = hooks.orElseThrow(() -> ClientError.notFound(
                "the mqtt auth and acl hooks are off: set GRIDWATCH_MQTT_HOOK_SECRET"));
        if (!on.admits(ctx.request().getHeader(SECRET_HEADER))) {
            if (!wrongSecrets.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
                throw new ClientError(429, "too_many_requests", "too many wrong hook secrets from this address");
            }
            throw ClientError.unauthorized("send the hook secret in the " + SECRET_HEADER + " header");
        }
        return on;
    }

    private static String text(JsonObject body, String field) {
        if (!(body.getValue(field) instanceof String value)) {
            throw ClientError.badRequest("\"" + field + "\" must be text (EMQX: \"${" + field + "}\")");
        }
        return value;
    }

    private static void answer(RoutingContext ctx, Future<Boolean> decision) {
        decision.onSuccess(allow -> Bodies.ok(ctx, new JsonObject().put("result", allow ? "allow" : "deny")))
                .onFailure(ctx::fail);
    }
}
