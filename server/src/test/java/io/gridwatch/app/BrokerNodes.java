package io.gridwatch.app;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** What the broker-mode tests share: a node's broker settings and the {@code broker} part of its {@code /health}. */
final class BrokerNodes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BrokerNodes() {
    }

    /** A node subscribing at the broker {@code url} as {@code clientId}. */
    static Map<String, String> broker(String url, String clientId) {
        return Map.of("GRIDWATCH_MQTT_BROKER", url, "GRIDWATCH_MQTT_BROKER_CLIENT_ID", clientId);
    }

    /** {@code settings} for a node started here without a fixture: any free ports, on 127.0.0.1; modifiable. */
    static Map<String, String> ownPorts(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("GRIDWATCH_HTTP_PORT", "0");
        env.put("GRIDWATCH_MQTT_PORT", "0");
        env.put("GRIDWATCH_HOST", "127.0.0.1");
        return env;
    }

    /** The {@code broker} part of a node's {@code /health}. */
    static JsonObject link(int httpPort) {
        try {
            return new JsonObject(HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getJsonObject("broker");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
