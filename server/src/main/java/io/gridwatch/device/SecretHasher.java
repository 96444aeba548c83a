package io.gridwatch.device;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Hashes secrets for storage with Vert.x auth's hashing strategies (PHC strings such as
 * {@code $sha512$$salt$hash}); the plain secret is never stored or logged.
 *
 * <p>Device tokens are 256 random bits, so a salted SHA-512 is as hard to reverse as a slow hash
 * and keeps MQTT log-ins fast. People choose their passwords, so those get PBKDF2 with many
 * iterations. Thread-safe.
 */
public final class SecretHasher {

    private static final HashingStrategy STRATEGY = HashingStrategy.load();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();
    private static final int PBKDF2_ITERATIONS = 100_000;

    private SecretHasher() {
    }

    /** A new device token: 32 random bytes, URL-safe Base64 (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_TEXT.encodeToString(bytes);
    }

    public static String hashToken(String token) {
        return STRATEGY.hash("sha512", null, salt(), token);
    }

    /** Slow on purpose (about 0.1 s): call it off the event loop. */
    public static String hashPassword(String password) {
        return STRATEGY.hash("pbkdf2", Map.of("it", Integer.toString(PBKDF2_ITERATIONS)), salt(), password);
    }

    /** Whether {@code secret} matches a hash made by this class; false for a malformed hash. */
    public static boolean matches(String hash, String secret) {
        if (hash == null || secret == null) {
            return false;
        }
        try {
            return STRATEGY.verify(hash, secret);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static String salt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
