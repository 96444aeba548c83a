package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.Level;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * The broker's HTTP auth and ACL hooks ({@code POST /api/mqtt/auth}, {@code /api/mqtt/acl}, EMQX 5's shape) over real
 * HTTP, as a broker calls them. Debian's Mosquitto cannot call HTTP hooks without a plug-in Debian does not ship, so
 * the hooks are tested here on their own, the way EMQX would send them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttHooksIT {

    private static final String SECRET = "hook-secret-for-the-tests-0123456789";
    private static final String ACCOUNT = "gridwatch-nodes";
    private static final String ACCOUNT_PASSWORD = "nodes-password";

    static ServerFixture fixture;
    static HttpClient http = HttpClient.newHttpClient();
    static String token;
    static String otherToken;

    @BeforeAll
    static void startServer() throws Exception {
        // broker mode pointed at a port nobody listens on: the hooks must not depend on the broker being there
        fixture = ServerFixture.start(Map.of("GRIDWATCH_MQTT_HOOK_SECRET", SECRET,
                "GRIDWATCH_MQTT_BROKER", "mqtt://127.0.0.1:9", "GRIDWATCH_MQTT_BROKER_CLIENT_ID", "gw-hooks-test",
                "GRIDWATCH_MQTT_BROKER_USERNAME", ACCOUNT, "GRIDWATCH_MQTT_BROKER_PASSWORD", ACCOUNT_PASSWORD));
        String admin = fixture.adminToken();
        token = register(admin, "hook-smoke-1");
        otherToken = register(admin, "hook-smoke-2");
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @Test
    void aDeviceWithItsOwnTokenIsAllowedAndAWrongOrUnknownOneDenied() throws Exception {
        assertThat(result(hook("auth", SECRET, auth("hook-smoke-1", token)))).isEqualTo("allow");
        assertThat(result(hook("auth", SECRET, auth("hook-smoke-1", otherToken)))).isEqualTo("deny");
        assertThat(result(hook("auth", SECRET, auth("no-such-device", token)))).isEqualTo("deny");
        assertThat(result(hook("auth", SECRET, auth("hook-smoke-1", "")))).isEqualTo("deny");
    }

    @Test
    void aDevicePublishesToItsOwnReadingsTopicOnlyAndSubscribesToNothing() throws Exception {
        assertThat(result(hook("acl", SECRET, acl("hook-smoke-1", "devices/hook-smoke-1/readings", "publish"))))
                .isEqualTo("allow");
        assertThat(result(hook("acl", SECRET, acl("hook-smoke-1", "devices/hook-smoke-2/readings", "publish"))))
                .isEqualTo("deny");
        assertThat(result(hook("acl", SECRET, acl("hook-smoke-1", "devices/+/readings", "publish"))))
                .isEqualTo("deny");
        assertThat(result(hook("acl", SECRET, acl("hook-smoke-1", "devices/hook-smoke-1/readings", "subscribe"))))
                .isEqualTo("deny");
        assertThat(result(hook("acl", SECRET, acl("no-such-device", "devices/no-such-device/readings", "publish"))))
                .isEqualTo("deny");
    }

    @Test
    void gridwatchsOwnAccountLogsInAndMaySubscribeToTheSharedSubscriptionOnly() throws Exception {
        assertThat(result(hook("auth", SECRET, auth(ACCOUNT, ACCOUNT_PASSWORD)))).isEqualTo("allow");
        assertThat(result(hook("auth", SECRET, auth(ACCOUNT, "wrong")))).isEqualTo("deny");
        assertThat(result(hook("acl", SECRET, acl(ACCOUNT, "$share/gridwatch/devices/+/readings", "subscribe"))))
                .isEqualTo("allow");
        assertThat(result(hook("acl", SECRET, acl(ACCOUNT, "devices/hook-smoke-1/readings", "publish"))))
                .isEqualTo("deny");
        assertThat(result(hook("acl", SECRET, acl(ACCOUNT, "#", "subscribe")))).isEqualTo("deny");
    }

    @Test
    void withoutTheSharedSecretTheHooksAnswerNothing() throws Exception {
        HttpResponse<String> none = hook("auth", null, auth("hook-smoke-1", token));
        HttpResponse<String> wrong = hook("acl", "not-the-secret", acl("hook-smoke-1", "devices/hook-smoke-1/readings",
                "publish"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.body()).doesNotContain("allow", "deny");
    }

    @Test
    void badInputIsAClear400() throws Exception {
        HttpResponse<String> notJson = hook("auth", SECRET, "username=hook-smoke-1");
        HttpResponse<String> noPassword = hook("auth", SECRET, new JsonObject().put("username", "hook-smoke-1").encode());
        HttpResponse<String> numberTopic = hook("acl", SECRET, new JsonObject().put("username", "hook-smoke-1")
                .put("topic", 5).put("action", "publish").encode());
        HttpResponse<String> badAction = hook("acl", SECRET, acl("hook-smoke-1", "devices/hook-smoke-1/readings", "all"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(noPassword.body()).contains("password");
        assertThat(numberTopic.statusCode()).isEqualTo(400);
        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(badAction.body()).contains("publish", "subscribe");
    }

    @Test
    void guessingADevicesTokenIsCutOffAfterTenFailuresAMinute() throws Exception {
        // given a device whose token is being guessed through the broker
        String target = register(fixture.adminToken(), "hook-guessed");
        for (int i = 0; i < 10; i++) {
            assertThat(result(hook("auth", SECRET, auth("hook-guessed", "guess-" + i)))).isEqualTo("deny");
        }

        // when even the right token comes now
        String answer = result(hook("auth", SECRET, auth("hook-guessed", target)));

        // then it is denied unchecked for the rest of the minute, and other devices are not affected
        assertThat(answer).isEqualTo("deny");
        assertThat(result(hook("auth", SECRET, auth("hook-smoke-2", otherToken)))).isEqualTo("allow");
        assertThat(fixture.get("/metrics", null).bodyAsString())
                .contains("gridwatch_mqtt_hook_answers_total{answer=\"auth_throttled\"} 1");
    }

    @Test
    void healthShowsTheBrokerLinkWithoutCredentials() throws Exception {
        JsonObject health = fixture.get("/health", null).bodyAsJsonObject();

        JsonObject broker = health.getJsonObject("broker");
        assertThat(broker.getString("url")).isEqualTo("mqtt://127.0.0.1:9");
        assertThat(broker.getString("client_id")).isEqualTo("gw-hooks-test");
        assertThat(broker.getString("state")).isIn("connecting", "down");
        assertThat(broker.getBoolean("subscribed")).isFalse();
        assertThat(health.encode()).doesNotContain(ACCOUNT_PASSWORD);
        assertThat(fixture.get("/metrics", null).bodyAsString()).contains("gridwatch_broker_connected 0");
    }

    private static String register(String admin, String id) throws Exception {
        Point at = fixture.server.locator().grid().units(Level.CELL).get(3).geometry().getInteriorPoint();
        var response = fixture.post("/api/devices", admin, new JsonObject().put("id", id).put("kind", "smoke")
                .put("lon", at.getX()).put("lat", at.getY()));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("token");
    }

    private static String auth(String username, String password) {
        return new JsonObject().put("clientid", username + "-c").put("username", username).put("password", password)
                .encode();
    }

    private static String acl(String username, String topic, String action) {
        return new JsonObject().put("clientid", username + "-c").put("username", username).put("topic", topic)
                .put("action", action).encode();
    }

    private static HttpResponse<String> hook(String which, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fixture.server.httpPort() + "/api/mqtt/" + which))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Gridwatch-Hook-Secret", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String result(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return new JsonObject(response.body()).getString("result");
    }
}
