package io.gridwatch.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A person's websocket as the pages keep it (js/socket.js): through HAProxy, and when the connection drops, a new
 * one after a short wait, authenticated again, whichever node HAProxy picks. Counts closes and snapshots, so a
 * test can tell that a dropped socket came back with a fresh snapshot. Thread-safe counters; runs on Vert.x.
 */
final class RoamingSocket implements AutoCloseable {

    private static final long RETRY_MS = 250;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final int port;
    private final String token;
    private final AtomicBoolean closing = new AtomicBoolean();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger snapshots = new AtomicInteger();
    /** When (nanoTime) the first "opened" event of each alert id arrived. */
    final java.util.Map<String, Long> openedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** The open alerts in the latest snapshot. */
    volatile int lastSnapshotSize = -1;
    private volatile WebSocket socket;

    private RoamingSocket(Vertx vertx, int port, String token) {
        this.vertx = vertx;
        this.client = vertx.createWebSocketClient();
        this.port = port;
        this.token = token;
    }

    /** Opens through {@code port} (HAProxy's HTTP frontend) and keeps reopening until closed. */
    static RoamingSocket open(Vertx vertx, int port, String token) {
        RoamingSocket roaming = new RoamingSocket(vertx, port, token);
        roaming.connect();
        return roaming;
    }

    private void connect() {
        if (closing.get()) {
            return;
        }
        client.connect(port, "127.0.0.1", "/ws").onSuccess(opened -> {
            socket = opened;
            opened.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                if ("snapshot".equals(frame.getString("type"))) {
                    lastSnapshotSize = frame.getJsonArray("alerts", new io.vertx.core.json.JsonArray()).size();
                    snapshots.incrementAndGet();
                } else if ("alert".equals(frame.getString("type")) && "opened".equals(frame.getString("event"))) {
                    openedAt.putIfAbsent(frame.getJsonObject("alert").getString("id"), System.nanoTime());
                }
            });
            opened.closeHandler(v -> {
                closes.incrementAndGet();
                retry();
            });
            opened.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
        }).onFailure(e -> retry());
    }

    private void retry() {
        if (!closing.get()) {
            vertx.setTimer(RETRY_MS, id -> connect());
        }
    }

    @Override
    public void close() {
        closing.set(true);
        WebSocket current = socket;
        if (current != null) {
            current.close();
        }
        client.close();
    }
}
