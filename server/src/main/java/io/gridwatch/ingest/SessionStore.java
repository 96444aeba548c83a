package io.gridwatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of persistent MQTT sessions (3.1.1 clean session 0, MQTT 5 session expiry &gt; 0) between two
 * connections of a device. A device only publishes, so its server-side session holds no subscriptions and no
 * outgoing messages: only the client id and the QoS 2 packet ids acknowledged with PUBREC whose PUBREL has not come.
 * Keeping it lets CONNACK say "session present", which is what makes a conforming client keep its unacknowledged
 * QoS 1/2 messages and send them again after a disconnect (a client told "no session" must discard them).
 *
 * <p>Keyed by device id, since a device has one session: a reconnect with another client id starts afresh. In
 * memory only: after a server restart CONNACK says "no session". Entries expire after the session expiry interval
 * (capped by the server) and are removed by {@link #sweep()}; at most one entry per device. Thread-safe.
 */
final class SessionStore {

    private final Clock clock;
    private final Map<String, Saved> saved = new ConcurrentHashMap<>();

    SessionStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes the saved session of this device if it belongs to {@code clientId} and has not expired: the QoS 2
     * packet ids awaiting PUBREL, or null when there is no session to resume. Removes what was saved either way.
     */
    Set<Integer> take(String deviceId, String clientId) {
        Saved session = saved.remove(deviceId);
        if (session == null || !session.clientId.equals(clientId) || clock.millis() >= session.expiresAt) {
            return null;
        }
        return session.awaitingRelease;
    }

    void save(String deviceId, String clientId, Set<Integer> awaitingRelease, Duration expiry) {
        saved.put(deviceId, new Saved(clientId, new HashSet<>(awaitingRelease), clock.millis() + expiry.toMillis()));
    }

    void discard(String deviceId) {
        saved.remove(deviceId);
    }

    void sweep() {
        long now = clock.millis();
        saved.values().removeIf(session -> now >= session.expiresAt);
    }

    int size() {
        return saved.size();
    }

    private record Saved(String clientId, Set<Integer> awaitingRelease, long expiresAt) {
    }
}
