package io.gridwatch.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "This changed in the database, read it again": small messages on the clustered event bus that keep each node's
 * in-memory views (the roster, token versions, the MQTT log-in mirror, the rules' per-device state) right when
 * another node changed the data. A message says only what changed (a topic and ids), never the data: the receiver
 * reads the database, so a message that was lost is healed by the view's own periodic re-read or database read on a
 * miss, and a message can never carry stale data.
 *
 * <p>On a single node there is nobody to tell: {@link #announce} does nothing (the node that made the change has
 * already updated its own views) and {@link #on} registers nothing. A node ignores its own announcements.
 * Thread-safe.
 */
public final class Changes {

    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);
    private static final String ADDRESS = "gridwatch.changed.";
    private static final String ORIGIN = "origin";

    /** What changed. */
    public enum Topic {
        /** People added, changed or disabled: the roster and the token versions. */
        PEOPLE,
        /** Devices registered: ids. */
        DEVICES,
        /** Devices whose rule state another node recalled or changed (an offline alert raised): ids. */
        DEVICE_RULE_STATE
    }

    /** For a single node: tells nobody. */
    public static final Changes SINGLE_NODE = new Changes(null);

    private final Vertx vertx;
    private final String origin = UUID.randomUUID().toString();

    private Changes(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Changes told to and heard from the other nodes of {@code vertx}'s cluster. */
    public static Changes clustered(Vertx vertx) {
        return new Changes(vertx);
    }

    public boolean clustered() {
        return vertx != null;
    }

    /** Tells every other node that {@code ids} of {@code topic} changed (none: the topic as a whole). */
    public void announce(Topic topic, List<String> ids) {
        if (vertx != null) {
            vertx.eventBus().publish(ADDRESS + topic.name(), new JsonArray(List.copyOf(ids)).encode(),
                    new DeliveryOptions().addHeader(ORIGIN, origin));
        }
    }

    public void announce(Topic topic) {
        announce(topic, List.of());
    }

    /** Calls {@code handler} with the ids of every change another node announces on {@code topic}. */
    public void on(Topic topic, Consumer<List<String>> handler) {
        if (vertx == null) {
            return;
        }
        vertx.eventBus().<String>consumer(ADDRESS + topic.name(), message -> {
            if (origin.equals(message.headers().get(ORIGIN))) {
                return;
            }
            try {
                handler.accept(new JsonArray(message.body()).stream().map(String::valueOf).toList());
            } catch (RuntimeException e) {
                LOG.warn("cannot apply a change another node announced [topic: {}]: {}", topic, e.toString());
            }
        });
    }
}
