package io.gridwatch.localcluster;

import io.gridwatch.store.DbConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * N gridwatch nodes on this machine, each a process of its own ({@link NodeProcess}), joined into one Hazelcast
 * cluster over the loopback (TCP/IP members on ports free at the time, a cluster name of its own, ARCHITECTURE
 * 3.10) and sharing one database; and HAProxy in front of them on {@code deploy/haproxy.cfg}
 * ({@link HaproxyConfig}) when it is installed. What {@code gridwatch demo --nodes N} and the cluster tests run.
 * Not thread-safe: start and close from one thread.
 */
public final class LocalCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START = Duration.ofSeconds(180);

    private final String clusterName;
    private final List<NodeProcess> nodes;
    private final HaproxyProcess haproxy;

    private LocalCluster(String clusterName, List<NodeProcess> nodes, HaproxyProcess haproxy) {
        this.clusterName = clusterName;
        this.nodes = nodes;
        this.haproxy = haproxy;
    }

    /**
     * What to start. {@code haproxy} empty: the nodes alone. {@code clustered} false: nodes that do not join a
     * cluster (the single node of a benchmark's baseline).
     */
    public record Plan(Path jar, int nodes, DbConfig db, Map<String, String> environment, List<String> javaOptions,
            Optional<Path> haproxy, HaproxyConfig.Binds binds, Path directory, boolean clustered) {

        public Plan(Path jar, int nodes, DbConfig db, Map<String, String> environment, List<String> javaOptions,
                Optional<Path> haproxy, HaproxyConfig.Binds binds, Path directory) {
            this(jar, nodes, db, environment, javaOptions, haproxy, binds, directory, true);
        }
    }

    /**
     * Starts the first node, then the others together (they join the first), then HAProxy. A failure stops
     * whatever had started and is thrown.
     */
    public static LocalCluster start(Plan plan) throws InterruptedException, TimeoutException {
        String clusterName = "gw-local-" + UUID.randomUUID();
        List<Integer> hazelcastPorts = FreePorts.take(plan.nodes());
        String members = hazelcastPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
        List<NodeProcess> nodes = new ArrayList<>();
        LocalCluster cluster = new LocalCluster(clusterName, nodes, null);
        try {
            for (int i = 0; i < plan.nodes(); i++) {
                Map<String, String> env = new HashMap<>(plan.environment());
                env.put("GRIDWATCH_DB_URL", plan.db().url());
                env.put("GRIDWATCH_HOST", HOST);
                env.put("GRIDWATCH_HTTP_PORT", "0");
                env.put("GRIDWATCH_MQTT_PORT", "0");
                if (plan.clustered()) {
                    env.put("GRIDWATCH_CLUSTER", "hazelcast");
                    env.put("GRIDWATCH_CLUSTER_NAME", clusterName);
                    env.put("GRIDWATCH_CLUSTER_HOST", HOST);
                    env.put("GRIDWATCH_CLUSTER_PORT", String.valueOf(hazelcastPorts.get(i)));
                    env.put("GRIDWATCH_CLUSTER_MEMBERS", members);
                }
                String name = "node" + (i + 1);
                nodes.add(NodeProcess.start(name, plan.jar(), plan.javaOptions(), env,
                        plan.directory().resolve(name + ".log")));
                if (i == 0) {
                    nodes.get(0).awaitReady(START);
                }
            }
            for (NodeProcess node : nodes) {
                node.awaitReady(START);
            }
            if (plan.haproxy().isEmpty()) {
                return cluster;
            }
            List<HaproxyConfig.Node> backends = nodes.stream()
                    .map(node -> new HaproxyConfig.Node(node.name(), HOST, node.httpPort(), node.mqttPort())).toList();
            String config = HaproxyConfig.local(HaproxyConfig.template(), plan.binds(), backends);
            return new LocalCluster(clusterName, nodes,
                    HaproxyProcess.start(plan.haproxy().get(), config, plan.binds(), plan.directory()));
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String clusterName() {
        return clusterName;
    }

    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public Optional<HaproxyProcess> haproxy() {
        return Optional.ofNullable(haproxy);
    }

    /** HAProxy first (no new connections), then every node still alive, with SIGTERM together, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (haproxy != null) {
            haproxy.stop();
        }
        nodes.stream().filter(NodeProcess::alive).forEach(NodeProcess::terminate);
        for (NodeProcess node : nodes) {
            node.stop(Duration.ofSeconds(20));
        }
    }
}
