package io.gridwatch.app;

import io.gridwatch.testing.Await;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Vert.x websocket client on {@code /ws} that collects what the server sends, for blocking assertions from the
 * test thread. Handlers are in place before the connection opens, so nothing is missed.
 */
final class WsClient implements AutoCloseable {

    private final WebSocketClient client;
    final ClientWebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** The close code the server sent (null when none), once the connection is closed. */
    final CompletableFuture<Short> closed = new CompletableFuture<>();

    private WsClient(ServerFixture fixture) {
        this(fixture.server.vertx());
    }

    private WsClient(io.vertx.core.Vertx vertx) {
        client = vertx.createWebSocketClient();
        socket = client.webSocket();
        socket.textMessageHandler(text -> received.add(new JsonObject(text)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    static WsClient connect(ServerFixture fixture) throws Exception {
        WsClient ws = new WsClient(fixture);
        ServerFixture.await(ws.socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(fixture.server.httpPort()).setURI("/ws")));
        return ws;
    }

    /** Connects, authenticates and returns the snapshot's alerts' ids. */
    static WsClient authenticated(ServerFixture fixture, String token) throws Exception {
        return authenticated(connect(fixture), token);
    }

    /** To {@code server}, from a client on {@code from}'s Vert.x (which outlives the server, e.g. a node stopped). */
    static WsClient authenticated(ServerFixture from, ServerFixture server, String token) throws Exception {
        WsClient ws = new WsClient(from.server.vertx());
        ServerFixture.await(ws.socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                .setPort(server.server.httpPort()).setURI("/ws")));
        return authenticated(ws, token);
    }

    private static WsClient authenticated(WsClient ws, String token) throws Exception {
        ws.send(new JsonObject().put("type", "auth").put("token", token));
        JsonObject snapshot = ws.next(Duration.ofSeconds(10));
        if (!"snapshot".equals(snapshot.getString("type"))) {
            throw new AssertionError("expected a snapshot first, got " + snapshot.encode());
        }
        ws.snapshot = snapshot;
        return ws;
    }

    JsonObject snapshot;

    void send(JsonObject message) throws Exception {
        ServerFixture.await(socket.writeTextMessage(message.encode()));
    }

    /** The next message; fails after the timeout. */
    JsonObject next(Duration timeout) throws InterruptedException {
        JsonObject message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("nothing received within " + timeout);
        }
        return message;
    }

    /** The next alert event about alert {@code id}, skipping others; fails after the timeout. */
    JsonObject nextAbout(long id, Duration timeout) throws InterruptedException {
        return nextMatching(m -> "alert".equals(m.getString("type"))
                && Long.toString(id).equals(m.getJsonObject("alert").getString("id")), timeout);
    }

    JsonObject nextMatching(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no matching message within " + timeout);
            }
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** The close code the server sent; fails when the connection is still open after the timeout. */
    Short closeCode(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            Await.await(socket.close());
        }
        Await.await(client.close());
    }
}
