package io.gridwatch.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Log-in attempts per client address: a token bucket of {@link #BURST} attempts refilled at one
 * every {@link #REFILL_NANOS}, so that guessing passwords is slow and a flood cannot keep the
 * password-hashing pool busy. Photo uploads use the same bucket with their own rate
 * ({@link #perMinute}). Memory is bounded: past {@link #MAX_ADDRESSES} addresses the table
 * starts afresh. Thread-safe.
 */
final class LoginThrottle {

    static final int BURST = 10;
    static final long REFILL_NANOS = 6_000_000_000L;
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final int burst;
    private final long refillNanos;

    LoginThrottle(LongSupplier nanoTime) {
        this(BURST, REFILL_NANOS, nanoTime);
    }

    private LoginThrottle(int burst, long refillNanos, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.burst = burst;
        this.refillNanos = refillNanos;
    }

    /** {@code n} requests a minute per address, all of them at once if need be. */
    static LoginThrottle perMinute(int n, LongSupplier nanoTime) {
        return new LoginThrottle(n, Math.max(1, 60_000_000_000L / n), nanoTime);
    }

    /** Whether one more attempt from this address may go ahead now (and counts it). */
    boolean tryAcquire(String address) {
        if (buckets.size() > MAX_ADDRESSES) {
            buckets.clear();
        }
        long now = nanoTime.getAsLong();
        return buckets.compute(address, (a, bucket) -> (bucket == null ? new Bucket(burst, now)
                : bucket.refill(now, burst, refillNanos)).take()).allowed;
    }

    private record Bucket(double tokens, long at, boolean allowed) {

        Bucket(double tokens, long at) {
            this(tokens, at, false);
        }

        Bucket refill(long now, int burst, long refillNanos) {
            return new Bucket(Math.min(burst, tokens + (double) (now - at) / refillNanos), now, false);
        }

        Bucket take() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }
    }
}
