package io.gridwatch.cli;

import io.gridwatch.app.StartupException;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.localcluster.FreePorts;
import io.gridwatch.localcluster.HaproxyConfig;
import io.gridwatch.localcluster.HaproxyProcess;
import io.gridwatch.localcluster.LocalCluster;
import io.gridwatch.localcluster.NodeProcess;
import io.gridwatch.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * {@code gridwatch demo --nodes N}: the demo's database in this process, N gridwatch nodes as processes of their own
 * joined in one cluster ({@link LocalCluster}), HAProxy in front of them on {@code deploy/haproxy.cfg} at the demo's
 * usual ports, and the demo's roster and fleet reporting through HAProxy. Without HAProxy the nodes run alone and
 * the fleet reports to the first node (the banner says so). Ctrl-C stops the fleet, HAProxy, the nodes (SIGTERM,
 * then SIGKILL after 20 s) and the database, in that order. Blocking: runs on the main thread.
 */
final class MultiNodeDemo {

    static final int MAX_NODES = 9;
    /** Each node's heap: N of them share the machine with the database and the fleet. */
    private static final List<String> NODE_JAVA_OPTIONS = List.of("-Xmx512m");

    private final GridwatchConfig config;
    private final Map<String, String> env;
    private final int nodes;
    private final boolean simulator;
    private final PrintWriter out;
    private final PrintWriter err;

    MultiNodeDemo(GridwatchConfig config, Map<String, String> env, int nodes, boolean simulator, PrintWriter out,
            PrintWriter err) {
        this.config = config;
        this.env = env;
        this.nodes = nodes;
        this.simulator = simulator;
        this.out = out;
        this.err = err;
    }

    /** Starts everything on {@code database} (which it closes when it stops) and runs until the JVM is stopped. */
    int run(EmbeddedDatabase database, Path dataDir, List<String> fixedLines) throws InterruptedException {
        Optional<Path> haproxy = HaproxyProcess.executable();
        if (haproxy.isEmpty()) {
            err.println("demo: HAProxy is not installed (sudo apt-get install haproxy): the " + nodes + " nodes run"
                    + " without it, each on its own ports, and the simulated fleet reports to node1 only");
        }
        err.println("demo: starting " + nodes + " gridwatch nodes (a JVM each, logs in " + logs(dataDir) + ") ...");
        err.flush();
        HaproxyConfig.Binds binds = binds();
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(new LocalCluster.Plan(ownJar(), nodes, database.config(),
                    Map.of("GRIDWATCH_ADMIN_PASSWORD", env.get("GRIDWATCH_ADMIN_PASSWORD")), NODE_JAVA_OPTIONS,
                    haproxy, binds, logs(dataDir)));
        } catch (TimeoutException | RuntimeException e) {
            database.close();
            throw new StartupException("demo: the nodes did not start: " + e.getMessage(), e);
        }
        Vertx vertx = Vertx.vertx();
        Companion fleet = simulator ? DemoFleet.forConfig(config, database.config(), dataDir,
                env.get("GRIDWATCH_ADMIN_PASSWORD"), err) : Companion.NONE;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                fleet.stop();
                cluster.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                vertx.close();
                database.close();
                stopped.countDown();
            }
        }, "gridwatch-demo-shutdown"));
        NodeProcess first = cluster.nodes().get(0);
        int httpPort = cluster.haproxy().isPresent() ? binds.httpPort() : first.httpPort();
        int mqttPort = cluster.haproxy().isPresent() ? binds.mqttPort() : first.mqttPort();
        out.println("http port: " + httpPort);
        out.println("mqtt port: " + mqttPort);
        banner(cluster, dataDir).forEach(out::println);
        fixedLines.forEach(out::println);
        out.flush();
        if (fleet instanceof DemoFleet demoFleet) {
            try {
                demoFleet.start(new DemoFleet.Target(vertx, grid(), httpPort, mqttPort)).forEach(out::println);
            } catch (Exception e) {
                throw new StartupException("demo: the simulated fleet did not start: " + e.getMessage(), e);
            }
        }
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private List<String> banner(LocalCluster cluster, Path dataDir) {
        List<String> lines = new ArrayList<>();
        String host = reachable(config.http().host());
        lines.add("demo: " + nodes + " nodes in cluster " + cluster.clusterName() + ", one database");
        cluster.haproxy().ifPresent(proxy -> {
            lines.add("demo: HAProxy (deploy/haproxy.cfg) in front: map at http://" + host + ":"
                    + proxy.binds().httpPort() + "/, MQTT on " + host + ":" + proxy.binds().mqttPort()
                    + ", which nodes are up at http://127.0.0.1:" + proxy.binds().statsPort() + "/");
        });
        for (NodeProcess node : cluster.nodes()) {
            lines.add("demo: " + node.name() + " (pid " + node.pid() + "): http 127.0.0.1:" + node.httpPort()
                    + ", mqtt 127.0.0.1:" + node.mqttPort() + ", log " + node.log());
        }
        NodeProcess victim = cluster.nodes().get(cluster.nodes().size() - 1);
        lines.add(cluster.haproxy().isPresent()
                ? "demo: to watch a failover, kill a node: kill -9 " + victim.pid() + " (" + victim.name()
                        + "); its devices and websockets reconnect through HAProxy to the"
                        + " others, its due escalations are taken over (logs: " + logs(dataDir) + ")"
                : "demo: without HAProxy a killed node's clients have nowhere to go: install haproxy to watch a"
                        + " failover");
        return lines;
    }

    /** HAProxy takes the demo's usual ports (GRIDWATCH_HTTP_PORT, GRIDWATCH_MQTT_PORT); 0 means a free one. */
    private HaproxyConfig.Binds binds() {
        List<Integer> free = FreePorts.take(3);
        int http = config.http().port() == 0 ? free.get(0) : config.http().port();
        int mqtt = config.mqtt().port() == 0 ? free.get(1) : config.mqtt().port();
        return new HaproxyConfig.Binds(config.http().host(), mqtt, http, free.get(2));
    }

    private Grid grid() {
        return config.grid().map(GridGeoJson::readGrid).orElseGet(BundledGrid::guangming);
    }

    private static Path logs(Path dataDir) {
        return dataDir.resolve("cluster");
    }

    private static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    /** The jar this demo runs from: every node runs the same one. */
    private static Path ownJar() {
        try {
            Path location = Path.of(MultiNodeDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new StartupException("demo --nodes runs the nodes from the packaged jar (./gridwatch demo"
                        + " --nodes N), not from " + location, null);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new StartupException("demo --nodes cannot find its own jar: " + e.getMessage(), e);
        }
    }
}
