package io.gridwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The environment of the nodes of one test cluster: a cluster name of its own ({@code gw-test-<uuid>}, so that
 * clusters of tests running side by side never merge), loopback, Hazelcast ports free at the time, every node
 * listing every other.
 */
public final class ClusterEnvironment {

    private ClusterEnvironment() {
    }

    /** The {@code GRIDWATCH_CLUSTER*} variables of {@code nodes} nodes, one map each. */
    public static List<Map<String, String>> of(int nodes) {
        String name = "gw-test-" + UUID.randomUUID();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(freePort());
        }
        StringJoiner members = new StringJoiner(",");
        ports.forEach(port -> members.add("127.0.0.1:" + port));
        List<Map<String, String>> environments = new ArrayList<>();
        for (int port : ports) {
            Map<String, String> env = new HashMap<>();
            env.put("GRIDWATCH_CLUSTER", "hazelcast");
            env.put("GRIDWATCH_CLUSTER_NAME", name);
            env.put("GRIDWATCH_CLUSTER_HOST", "127.0.0.1");
            env.put("GRIDWATCH_CLUSTER_PORT", Integer.toString(port));
            env.put("GRIDWATCH_CLUSTER_MEMBERS", members.toString());
            environments.add(Map.copyOf(env));
        }
        return environments;
    }

    /** A loopback port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
