package io.gridwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of a cluster ({@code GRIDWATCH_CLUSTER=hazelcast}): Vert.x's clustered event bus with the Hazelcast cluster
 * manager, members found over TCP/IP from an explicit list (no multicast, no auto-detection).
 *
 * @param name the cluster's name: members of clusters with other names never merge (two sites, parallel tests)
 * @param host the address this node binds and other nodes reach it at (Hazelcast and the event bus)
 * @param port Hazelcast's port
 * @param busPort the event bus's own TCP port, 0 for any free one
 * @param members the {@code host:port} of the members to join (this node is added when missing)
 */
public record ClusterConfig(String name, String host, int port, int busPort, List<String> members) {

    public static final String DEFAULT_NAME = "gridwatch";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MEMBER = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    public ClusterConfig {
        members = List.copyOf(members);
    }

    /** The cluster settings, or empty when {@code GRIDWATCH_CLUSTER} is unset (a single node, as always). */
    static Optional<ClusterConfig> fromEnv(Env env) {
        Optional<String> mode = env.text("GRIDWATCH_CLUSTER");
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        if (!mode.get().equals("hazelcast")) {
            throw new ConfigException("GRIDWATCH_CLUSTER must be \"hazelcast\" (or unset for a single node), got \""
                    + mode.get() + "\"");
        }
        String name = env.text("GRIDWATCH_CLUSTER_NAME").orElse(DEFAULT_NAME);
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("GRIDWATCH_CLUSTER_NAME must be 1 to 64 letters, digits, '.', '_' or '-', got \""
                    + name + "\"");
        }
        String host = env.text("GRIDWATCH_CLUSTER_HOST").orElse(DEFAULT_HOST);
        if (!MEMBER.matcher(host + ":1").matches()) {
            throw new ConfigException("GRIDWATCH_CLUSTER_HOST must be a host name or IP address, got \"" + host + "\"");
        }
        int port = env.port("GRIDWATCH_CLUSTER_PORT", DEFAULT_PORT);
        if (port == 0) {
            throw new ConfigException("GRIDWATCH_CLUSTER_PORT must be a fixed port (the other members' lists name it), "
                    + "got 0");
        }
        int busPort = env.port("GRIDWATCH_CLUSTER_BUS_PORT", 0);
        List<String> members = members(env.text("GRIDWATCH_CLUSTER_MEMBERS").orElse(""), host + ":" + port);
        return Optional.of(new ClusterConfig(name, host, port, busPort, members));
    }

    private static List<String> members(String list, String self) {
        Set<String> members = new LinkedHashSet<>();
        for (String entry : list.split(",")) {
            String member = entry.trim();
            if (member.isEmpty()) {
                continue;
            }
            Matcher matcher = MEMBER.matcher(member);
            int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw new ConfigException("GRIDWATCH_CLUSTER_MEMBERS must list host:port entries separated by commas "
                        + "(e.g. 10.0.0.1:5701,10.0.0.2:5701), got \"" + member + "\"");
            }
            members.add(member);
        }
        members.add(self);
        return new ArrayList<>(members);
    }
}
