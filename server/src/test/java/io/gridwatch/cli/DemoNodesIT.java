package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.localcluster.HaproxyProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch demo --nodes 2} from the packaged jar: the nodes come up behind HAProxy (when installed), the
 * banner names them, and stopping the demo stops every process it started (nodes, HAProxy, PostgreSQL): no orphans;
 * a demo killed with -9 leaves no node behind either (each watches the demo), and the next demo on its data stops the
 * PostgreSQL and HAProxy it left.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoNodesIT {

    private static final Path JAR = Path.of("target", "gridwatch-server.jar");

    @TempDir
    Path data;

    @Test
    void demoWithTwoNodesServesThroughHaproxyAndLeavesNoProcessBehindWhenStopped() throws Exception {
        // given the demo started with two nodes and no simulated fleet
        Process demo = startDemo();
        List<String> output = outputOf(demo);
        List<ProcessHandle> started;
        try {
            // when it is ready
            awaitLine(output, demo, "demo: database ");
            started = demo.descendants().toList();

            // then it names both nodes, and its HTTP port (HAProxy's, or node1's without it) answers /health
            assertThat(output).anyMatch(line -> line.startsWith("demo: node1 (pid "))
                    .anyMatch(line -> line.startsWith("demo: node2 (pid "));
            boolean haproxy = HaproxyProcess.executable().isPresent();
            assertThat(output).as("says whether HAProxy is in front").anyMatch(line -> haproxy
                    ? line.startsWith("demo: HAProxy (deploy/haproxy.cfg) in front")
                    : line.contains("HAProxy is not installed"));
            int http = Integer.parseInt(output.stream().filter(l -> l.startsWith("http port: ")).findFirst()
                    .orElseThrow().substring("http port: ".length()));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"members\":2");
            assertThat(started).as("two nodes, PostgreSQL and HAProxy run under the demo").hasSizeGreaterThanOrEqualTo(3);
        } finally {
            // when it is stopped (SIGTERM, as Ctrl-C's shutdown runs)
            demo.destroy();
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops; output: %s", output).isTrue();
        }
        // then nothing it started is left running
        for (ProcessHandle child : started) {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("%s is stopped", child.info().commandLine().orElse("?")).isFalse();
        }
    }

    @Test
    void demoKilledWithMinus9LeavesNoNodeBehindAndStartsAgainOnItsData() throws Exception {
        // given the demo with two nodes, ready
        Process demo = startDemo();
        List<String> output = outputOf(demo);
        awaitLine(output, demo, "demo: database ");
        List<ProcessHandle> started = demo.descendants().toList();
        List<ProcessHandle> nodes = started.stream()
                .filter(p -> p.info().commandLine().orElse("").contains(" serve --exit-with ")).toList();
        try {
            assertThat(nodes).as("the node processes under the demo").hasSize(2);

            // when the demo is killed with -9: no shutdown hook of its own stops anything
            demo.destroyForcibly();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // then each node notices its starter is gone and stops by itself
            for (ProcessHandle node : nodes) {
                node.onExit().get(60, TimeUnit.SECONDS);
                assertThat(node.isAlive()).isFalse();
            }

            // and the next demo on the same data stops the PostgreSQL and HAProxy the killed one left, and comes up
            List<ProcessHandle> haproxies = started.stream()
                    .filter(p -> p.info().command().orElse("").endsWith("/haproxy")).toList();
            Process again = startDemo();
            List<String> againOutput = outputOf(again);
            try {
                awaitLine(againOutput, again, "demo: database ");
                assertThat(againOutput).anyMatch(line -> line.startsWith("demo: stopping the PostgreSQL the previous"));
                assertThat(haproxies).as("the killed demo's HAProxy").noneMatch(ProcessHandle::isAlive);
            } finally {
                again.destroy();
                assertThat(again.waitFor(90, TimeUnit.SECONDS)).as("output: %s", againOutput).isTrue();
            }
        } finally {
            // PostgreSQL (detached by pg_ctl, so not under the demo) and HAProxy have no such watch: this test stops
            // what the killed demo left
            started.forEach(ProcessHandle::destroyForcibly);
            String database = data.resolve("postgres").toString();
            for (ProcessHandle postgres : ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(" -D " + database + " ")).toList()) {
                postgres.destroy();
                postgres.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code demo --nodes 2 --no-simulator} from the jar, on any free ports, its data in the test's folder. */
    private Process startDemo() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo", "--nodes", "2", "--no-simulator").redirectErrorStream(true);
        builder.environment().put("GRIDWATCH_DATA_DIR", data.toString());
        builder.environment().put("GRIDWATCH_HTTP_PORT", "0");
        builder.environment().put("GRIDWATCH_MQTT_PORT", "0");
        return builder.start();
    }

    /** The demo's lines as they come, read on a thread of their own. */
    private static List<String> outputOf(Process demo) {
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (Exception e) {
                // the demo ended
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private static void awaitLine(List<String> output, Process demo, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (output.stream().noneMatch(line -> line.startsWith(prefix))) {
            if (!demo.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + prefix + "\" line; output: " + output);
            }
            Thread.sleep(100);
        }
    }
}
