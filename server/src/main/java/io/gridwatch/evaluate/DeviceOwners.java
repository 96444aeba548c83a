package io.gridwatch.evaluate;

import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.model.Reading;
import io.gridwatch.store.AfterStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker mode on a cluster: a shared subscription hands one device's readings to any node, reading by reading, so
 * each stored reading is judged on the device's <em>owner</em> node instead, where its rule state lives: the node
 * with the highest rendezvous score for the device id among the cluster's nodes now (stable while the membership
 * is; when a node joins or leaves only the devices it wins or held move, and their new owner recalls their state,
 * {@link StateRecall}). Readings for other owners are sent in one batch per owner and event-loop turn, to that
 * node's address; a batch the owner does not take within {@link #SEND_TIMEOUT_MS} (it just left) is judged here.
 *
 * <p>Readings of one device that reached two nodes may arrive at the owner out of order; the rules treat an older
 * reading as late (judged against the lines, not for a rise). Thread-safe: {@link #offer} from any thread, the
 * batches go out on the context that made this object.
 */
public final class DeviceOwners {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceOwners.class);
    private static final String ADDRESS = "gridwatch.rules.node.";
    private static final long SEND_TIMEOUT_MS = 5_000;
    private static final String URGENT = "urgent";

    private final Vertx vertx;
    private final ClusterNode node;
    private final AfterStore.Judge judgeHere;
    private final Context context;
    private final Queue<Pending> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    /** @param judgeHere this node's rules; also takes the batches other nodes send here */
    public DeviceOwners(Vertx vertx, ClusterNode node, AfterStore.Judge judgeHere) {
        this.vertx = vertx;
        this.node = node;
        this.judgeHere = judgeHere;
        this.context = vertx.getOrCreateContext();
        vertx.eventBus().<String>consumer(ADDRESS + node.nodeId(), message -> {
            new JsonArray(message.body()).forEach(json -> judgeHere.judge(ReadingWire.fromJson((JsonObject) json),
                    ((JsonObject) json).getBoolean(URGENT, false)));
            message.reply(null);
        });
    }

    /** A stored reading and whether it may raise an alert (the rules' urgent queue). */
    private record Pending(Reading reading, boolean urgent) {
    }

    /** Hands a stored reading to its owner's rules. Never blocks. */
    public void offer(Reading reading, boolean urgent) {
        outgoing.add(new Pending(reading, urgent));
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
    }

    /** The node that judges {@code deviceId} among {@code nodes}: the highest rendezvous score. */
    static String owner(String deviceId, List<String> nodes) {
        String best = null;
        long bestScore = Long.MIN_VALUE;
        for (String candidate : nodes) {
            long score = score(deviceId, candidate);
            if (best == null || score > bestScore || (score == bestScore && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private void flush() {
        flushScheduled.set(false);
        List<String> nodes = node.nodes();
        String self = node.nodeId();
        Map<String, List<Pending>> byOwner = new HashMap<>();
        Pending next;
        while ((next = outgoing.poll()) != null) {
            String owner = nodes.isEmpty() ? self : owner(next.reading().deviceId(), nodes);
            if (self.equals(owner)) {
                judgeHere.judge(next.reading(), next.urgent());
            } else {
                byOwner.computeIfAbsent(owner, id -> new ArrayList<>()).add(next);
            }
        }
        byOwner.forEach(this::send);
    }

    private void send(String owner, List<Pending> batch) {
        JsonArray json = new JsonArray();
        batch.forEach(p -> json.add(ReadingWire.toJson(p.reading()).put(URGENT, p.urgent())));
        vertx.eventBus().request(ADDRESS + owner, json.encode(), new DeliveryOptions().setSendTimeout(SEND_TIMEOUT_MS))
                .onFailure(e -> {
                    LOG.warn("owner node did not take readings, judging them here [owner: {}, readings: {}]: {}",
                            owner, batch.size(), e.toString());
                    batch.forEach(p -> judgeHere.judge(p.reading(), p.urgent()));
                });
    }

    /** FNV-1a over the device id and the node id, then a 64-bit finaliser so that close ids spread. */
    private static long score(String deviceId, String nodeId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (deviceId + '\n' + nodeId).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
