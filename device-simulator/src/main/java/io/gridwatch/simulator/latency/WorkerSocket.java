package io.gridwatch.simulator.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.simulator.load.LoadException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A grid worker's websocket ({@code /ws}, java.net.http): authenticates, waits for the snapshot, then calls
 * {@code onOpened(deviceId, alertId)} with the arrival time taken first thing for every {@code opened} alert.
 */
final class WorkerSocket implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenedListener onOpened;
    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Receives each {@code opened} event: the source device, the alert id, {@link System#nanoTime()} on arrival. */
    interface OpenedListener {
        void opened(String deviceId, String alertId, long arrivedNanos);
    }

    private WorkerSocket(OpenedListener onOpened) {
        this.onOpened = onOpened;
    }

    static WorkerSocket open(URI httpBase, String token, OpenedListener onOpened) {
        WorkerSocket listener = new WorkerSocket(onOpened);
        URI ws = URI.create(httpBase.toString().replaceFirst("^http", "ws")).resolve("/ws");
        try {
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, listener)
                    .get(10, TimeUnit.SECONDS);
            listener.socket.sendText(JSON.createObjectNode().put("type", "auth").put("token", token).toString(), true);
            listener.snapshot.get(30, TimeUnit.SECONDS);
            return listener;
        } catch (Exception e) {
            throw new LoadException("cannot open the worker's websocket at " + ws + ": " + e, e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long arrived = System.nanoTime();
        partial.append(data);
        if (last) {
            frame(partial.toString(), arrived);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void frame(String text, long arrived) {
        try {
            JsonNode frame = JSON.readTree(text);
            String type = frame.path("type").asText();
            if ("snapshot".equals(type)) {
                snapshot.complete(null);
            } else if ("alert".equals(type) && "opened".equals(frame.path("event").asText())) {
                JsonNode alert = frame.path("alert");
                onOpened.opened(alert.path("source").path("device").asText(), alert.path("id").asText(), arrived);
            }
        } catch (IOException e) {
            throw new LoadException("the server sent a frame that is not JSON: " + text, e);
        }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        snapshot.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
