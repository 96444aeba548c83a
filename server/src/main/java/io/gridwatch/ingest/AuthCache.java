package io.gridwatch.ingest;

import io.gridwatch.ingest.DeviceDirectory.Credentials;
import io.gridwatch.model.Device;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful MQTT log-ins of the last {@code ttl}: device id → the directory's credentials and a SHA-256 digest of
 * the token that matched them. A reconnecting device is then checked with one digest and one constant-time
 * comparison instead of a directory query and the salted hash. Only successes are kept; a token that does not match
 * the cached digest goes to the directory again (the token may have been re-issued).
 *
 * <p>The plain token is never stored. Entries expire after {@code ttl} (so a revoked token stops working on new
 * connections within it) and are removed by {@link #sweep()}; there is at most one entry per registered device.
 * Thread-safe.
 */
final class AuthCache {

    /**
     * One digest per thread (the event loops, the directory's): looking SHA-256 up among the security providers
     * cost three times the hashing of a token, once or twice per MQTT log-in (issue 18's connection-storm profile).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuthCache::sha256);

    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    AuthCache(Duration ttl, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The device when {@code token} is the one it logged in with lately, else null. */
    Device match(String deviceId, String token) {
        Entry entry = entries.get(deviceId);
        if (entry == null || clock.millis() >= entry.expiresAt) {
            return null;
        }
        return MessageDigest.isEqual(entry.tokenDigest, digest(token)) ? entry.credentials.device() : null;
    }

    void remember(Credentials credentials, String token) {
        if (ttlMillis > 0) {
            entries.put(credentials.device().id(), new Entry(credentials, digest(token), clock.millis() + ttlMillis));
        }
    }

    void sweep() {
        long now = clock.millis();
        entries.values().removeIf(entry -> now >= entry.expiresAt);
    }

    int size() {
        return entries.size();
    }

    private static byte[] digest(String token) {
        return SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)); // digest() also resets it
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    private record Entry(Credentials credentials, byte[] tokenDigest, long expiresAt) {
    }
}
