package io.gridwatch.localcluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gridwatch node as a process of its own: {@code java -jar gridwatch-server.jar serve} with its environment (and
 * {@code --exit-with} this process's pid, so that it never outlives the process that started it),
 * its output (log lines and the {@code http port: N} / {@code mqtt port: N} lines of ARCHITECTURE 3.1) copied to
 * a log file, read on a thread of its own so that the node never blocks on a full pipe.
 */
public final class NodeProcess {

    private static final Pattern PORT = Pattern.compile("^(http|mqtt) port: (\\d+)$");

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
    private final CompletableFuture<Integer> mqttPort = new CompletableFuture<>();

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jar serve} with {@code environment} added to this process's own; output to {@code log}. */
    public static NodeProcess start(String name, Path jar, List<String> javaOptions, Map<String, String> environment,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        // the node ends with this process, also when it is killed with -9 (its shutdown hooks never run then)
        command.addAll(List.of("-jar", jar.toString(), "serve", "--exit-with",
                Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            NodeProcess node = new NodeProcess(name, builder.start(), log);
            Thread reader = new Thread(node::copyOutput, "node-output-" + name);
            reader.setDaemon(true);
            reader.start();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
    }

    private void copyOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
                Matcher port = PORT.matcher(line.strip());
                if (port.matches()) {
                    (port.group(1).equals("http") ? httpPort : mqttPort).complete(Integer.parseInt(port.group(2)));
                }
            }
        } catch (IOException e) {
            // the process is gone; the futures below say so
        }
        // the output ends a moment before the process does: no exit code to give yet
        IllegalStateException ended = new IllegalStateException("node " + name + " ended before it was ready, see "
                + log);
        httpPort.completeExceptionally(ended);
        mqttPort.completeExceptionally(ended);
    }

    /** Waits until the node has printed both ports. */
    public NodeProcess awaitReady(Duration within) throws InterruptedException, TimeoutException {
        try {
            httpPort.get(within.toMillis(), TimeUnit.MILLISECONDS);
            mqttPort.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort.join();
    }

    public int mqttPort() {
        return mqttPort.join();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no drain, what a crash or a pulled plug does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node drains and stops; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM (the node drains and stops), then SIGKILL after {@code grace}; true when it ended by itself. */
    public boolean stop(Duration grace) throws InterruptedException {
        terminate();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill();
        return false;
    }
}
