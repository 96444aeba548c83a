package io.gridwatch.app;

import io.gridwatch.store.DbConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar run as {@code ./gridwatch serve} runs it, in a process of its own: on a database of the test
 * JVM's PostgreSQL, ports chosen freely, on loopback. Its output is read in the background (so it never blocks) and
 * kept for failure messages. {@link #kill()} is {@code kill -9}; {@link #close()} is SIGTERM and a wait.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "gridwatch-server.jar");
    private static final Pattern HTTP_PORT = Pattern.compile("^http port: (\\d+)$");

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code serve} with {@code environment} added to the database, ports and host settings. */
    static ServerProcess start(DbConfig db, Map<String, String> environment) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "serve")
                .redirectErrorStream(true);
        builder.environment().put("GRIDWATCH_DB_URL", "postgresql://" + db.user()
                + (db.password() == null ? "" : ":" + db.password()) + "@" + db.host() + ":" + db.port() + "/"
                + db.database());
        builder.environment().put("GRIDWATCH_HTTP_PORT", "0");
        builder.environment().put("GRIDWATCH_MQTT_PORT", "0");
        builder.environment().put("GRIDWATCH_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        Files.createDirectories(Path.of("target"));
        return new ServerProcess(builder.start());
    }

    /** Waits until the server names its HTTP port (it is then ready). */
    int httpPort() {
        try {
            return httpPort.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no 'http port: N' line; output: " + output, e);
        }
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** {@code kill -9}: no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops it with SIGTERM; true when it ended within a minute. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            kill();
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher m = HTTP_PORT.matcher(line.strip());
                if (m.matches()) {
                    httpPort.complete(Integer.parseInt(m.group(1)));
                }
            }
            httpPort.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
        } catch (Exception e) {
            httpPort.completeExceptionally(e);
        }
    }
}
