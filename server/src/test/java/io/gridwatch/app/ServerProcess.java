package io.gridwatch.app;

import io.gridwatch.localcluster.NodeProcess;
import io.gridwatch.store.DbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The packaged jar run as {@code ./gridwatch serve} runs it, in a process of its own ({@link NodeProcess}, as the
 * local cluster runs its nodes): on a database of the test JVM's PostgreSQL, ports chosen freely, on loopback, its
 * output in a log under {@code target/} that failure messages quote. {@link #kill()} is {@code kill -9};
 * {@link #close()} is SIGTERM and a wait.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "gridwatch-server.jar");
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);

    private final NodeProcess node;

    private ServerProcess(NodeProcess node) {
        this.node = node;
    }

    /** Starts {@code serve} with {@code environment} added to the database, ports and host settings. */
    static ServerProcess start(DbConfig db, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(Map.of("GRIDWATCH_DB_URL", db.url(), "GRIDWATCH_HTTP_PORT", "0",
                "GRIDWATCH_MQTT_PORT", "0", "GRIDWATCH_HOST", "127.0.0.1"));
        env.putAll(environment);
        Path log = Path.of("target", "server-process", UUID.randomUUID() + ".log");
        return new ServerProcess(NodeProcess.start("server", JAR, List.of(), env, log));
    }

    /** Waits until the server names its ports (it is then ready). */
    int httpPort() {
        try {
            return node.awaitReady(READY).httpPort();
        } catch (InterruptedException | TimeoutException | IllegalStateException e) {
            throw new AssertionError("not ready; output: " + output(), e);
        }
    }

    List<String> output() {
        try {
            return Files.readAllLines(node.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: no shutdown of any kind. */
    void kill() throws InterruptedException {
        node.kill();
    }

    /** Stops it with SIGTERM; true when it ended within a minute. */
    boolean stop() throws InterruptedException {
        return node.stop(STOP);
    }

    @Override
    public void close() throws InterruptedException {
        if (node.alive()) {
            node.stop(STOP);
        }
    }
}
