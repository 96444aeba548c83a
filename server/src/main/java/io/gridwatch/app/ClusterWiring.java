package io.gridwatch.app;

import io.gridwatch.cluster.Changes;
import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.ingest.MirroredDirectory;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What being one node of a cluster adds to start-up: the Vert.x instance joins the cluster first, the member count is
 * a gauge, and what another node changed (people, devices) is read again here. Without a cluster everything is
 * exactly as on a single node: a plain Vert.x, made at once, and {@link Changes#SINGLE_NODE}.
 */
final class ClusterWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    /** A plain Vert.x, or a clustered one once it has joined; a failure to join is a {@link StartupException}. */
    static Future<Vertx> vertx(Optional<ClusterNode> cluster) {
        return cluster.map(node -> node.start(new VertxOptions())
                        .recover(failure -> Future.<Vertx>failedFuture(new StartupException(failure.getMessage(), failure))))
                .orElseGet(() -> Future.succeededFuture(Vertx.vertx()));
    }

    static void countMembers(Metrics metrics, Optional<ClusterNode> cluster) {
        cluster.ifPresent(node -> metrics.gauge("gridwatch_cluster_members", "Members of the cluster, this node included",
                node::members));
    }

    /**
     * The announcements of changes between nodes, with this node listening to what others changed: the roster is
     * reloaded, new devices' credentials are read (the periodic re-reads heal a lost announcement).
     */
    static Changes changes(Vertx vertx, Optional<ClusterNode> cluster, StaffDirectory staff, MirroredDirectory directory,
            DeviceStore devices) {
        Changes changes = cluster.isPresent() ? Changes.clustered(vertx) : Changes.SINGLE_NODE;
        changes.on(Changes.Topic.PEOPLE, ids -> staff.reload());
        changes.on(Changes.Topic.DEVICES, ids -> devices.credentials(ids)
                .onSuccess(found -> found.forEach(directory::remember))
                .onFailure(e -> LOG.warn("cannot read devices another node registered: {}", e.toString())));
        return changes;
    }
}
