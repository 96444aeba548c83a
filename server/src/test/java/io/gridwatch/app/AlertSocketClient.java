package io.gridwatch.app;

import io.gridwatch.testing.Await;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A person's websocket to {@code /ws} as a real client sees it: authenticates with its log-in token, then records
 * every frame. Blocking helpers for the test thread.
 */
final class AlertSocketClient implements AutoCloseable {

    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final WebSocketClient client;
    private final WebSocket socket;

    private AlertSocketClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
    }

    /** Connects, authenticates and waits for the snapshot. */
    static AlertSocketClient open(Vertx vertx, int port, String token) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket socket = ServerFixture.await(client.connect(port, "127.0.0.1", "/ws"));
        AlertSocketClient opened = new AlertSocketClient(client, socket);
        socket.textMessageHandler(text -> opened.frames.add(new JsonObject(text)));
        socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
        Eventually.until(Duration.ofSeconds(10), "the snapshot arrives", () -> opened.snapshot() != null);
        return opened;
    }

    JsonObject snapshot() {
        return frames.stream().filter(f -> "snapshot".equals(f.getString("type"))).findFirst().orElse(null);
    }

    /** The alert frames received so far with this event, for this alert id (null: any alert). */
    List<JsonObject> events(String event, String alertId) {
        return frames.stream()
                .filter(f -> "alert".equals(f.getString("type")) && event.equals(f.getString("event")))
                .filter(f -> alertId == null || alertId.equals(f.getJsonObject("alert").getString("id")))
                .toList();
    }

    JsonObject awaitEvent(String event, String alertId, Duration within) {
        Eventually.until(within, "a websocket \"" + event + "\" event", () -> !events(event, alertId).isEmpty());
        return events(event, alertId).get(0).getJsonObject("alert");
    }

    @Override
    public void close() {
        Await.await(socket.close());
        Await.await(client.close());
    }
}
