package io.gridwatch.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.cluster.MembershipListener;
import io.gridwatch.config.ClusterConfig;

/**
 * The Hazelcast configuration of a node, built in code from {@link ClusterConfig} so that no {@code cluster.xml} or
 * {@code hazelcast.xml} on the class path or in the working directory changes it: TCP/IP join with the listed
 * members only (multicast and auto-detection off), bound to the cluster host alone, phone-home off, logging through
 * SLF4J, and no shutdown hook of its own (the server leaves the cluster itself, after draining, on SIGTERM). The
 * maps Vert.x keeps its registrations in are declared as {@code vertx-hazelcast}'s default file declares them.
 */
final class HazelcastSettings {

    /** Heartbeats every second; a member silent for this long (a kill -9, a cut cable) is removed. */
    static final int MAX_NO_HEARTBEAT_SECONDS = 10;

    private HazelcastSettings() {
    }

    /**
     * @param address the cluster host, resolved to an IP address (Hazelcast's interface filter wants one)
     * @param members told of every member that joins or leaves
     */
    static Config of(ClusterConfig cluster, String address, MembershipListener members) {
        Config config = new Config();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
        // a node alone on its list (the first of a cluster) should not sit out Hazelcast's default 5 s + 20 s
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        // Hazelcast's own graceful leave (partition hand-over) is bounded too: SIGTERM must not hang
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "20");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(address);
        network.setPublicAddress(address + ":" + cluster.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(cluster.members());

        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        config.addListenerConfig(new ListenerConfig(members));
        return config;
    }
}
