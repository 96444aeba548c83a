package io.gridwatch.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.gridwatch.config.ClusterConfig;
import io.gridwatch.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of a cluster: a clustered Vert.x on the Hazelcast cluster manager, and what {@code /health}
 * and {@code /metrics} say of it (how many members, this node's id). Thread-safe.
 */
public final class ClusterNode implements MembershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final ClusterConfig config;
    private final String address;
    private final HazelcastClusterManager manager;

    private ClusterNode(ClusterConfig config, String address) {
        this.config = config;
        this.address = address;
        this.manager = new HazelcastClusterManager(HazelcastSettings.of(config, address, this));
    }

    /**
     * @throws ConfigException when the cluster host does not resolve (a DNS look-up: call it before any event loop)
     */
    public static ClusterNode of(ClusterConfig config) {
        try {
            return new ClusterNode(config, InetAddress.getByName(config.host()).getHostAddress());
        } catch (UnknownHostException e) {
            throw new ConfigException("GRIDWATCH_CLUSTER_HOST: cannot resolve \"" + config.host() + "\"");
        }
    }

    /** Joins the cluster; the event bus listens on the cluster host too. */
    public Future<Vertx> start(VertxOptions options) {
        options.setEventBusOptions(new EventBusOptions().setHost(address).setPort(config.busPort())
                .setClusterPublicHost(address));
        return Vertx.builder().with(options).withClusterManager(manager).buildClustered()
                .onSuccess(vertx -> LOG.info("joined the cluster [name: {}, node: {}, address: {}:{}, members: {}]",
                        config.name(), manager.getNodeId(), address, config.port(), members()))
                .recover(failure -> Future.failedFuture(new IllegalStateException("cannot join the cluster \""
                        + config.name() + "\" at " + address + ":" + config.port() + ": " + failure.getMessage(),
                        failure)));
    }

    /** How many nodes the cluster has now, this one included; 0 once this node has left. */
    public int members() {
        return manager.isActive() ? manager.getNodes().size() : 0;
    }

    /** The ids of the cluster's nodes now, this one included. */
    public List<String> nodes() {
        return manager.isActive() ? manager.getNodes() : List.of(nodeId());
    }

    /** This node's id in the cluster. */
    public String nodeId() {
        return manager.getNodeId();
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member joined [member: {}, members: {}]", event.getMember().getAddress(),
                event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member left [member: {}, members: {}]", event.getMember().getAddress(),
                event.getMembers().size());
    }
}
