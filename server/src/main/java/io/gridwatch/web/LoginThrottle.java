package io.gridwatch.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Log-in attempts per client address: a token bucket of {@link #BURST} attempts refilled at one
 * every {@link #REFILL_NANOS}, so that guessing passwords is slow and a flood cannot keep the
 * password-hashing pool busy. Memory is bounded: past {@link #MAX_ADDRESSES} addresses the table
 * starts afresh. Thread-safe.
 */
final class LoginThrottle {

    static final int BURST = 10;
    static final long REFILL_NANOS = 6_000_000_000L;
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether one more attempt from this address may go ahead now (and counts it). */
    boolean tryAcquire(String address) {
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.clear();
        }
        long now = nanoTime.getAsLong();
        return buckets.compute(address, (a, bucket) -> (bucket == null ? new Bucket(BURST, now) : bucket.refill(now))
                .take()).allowed;
    }

    private record Bucket(double tokens, long at, boolean allowed) {

        Bucket(double tokens, long at) {
            this(tokens, at, false);
        }

        Bucket refill(long now) {
            return new Bucket(Math.min(BURST, tokens + (double) (now - at) / REFILL_NANOS), now, false);
        }

        Bucket take() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }
    }
}
