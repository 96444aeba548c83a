package io.gridwatch.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed log-ins per key (a device id) in fixed windows: after {@code maxFailures} failures in a window the key is
 * refused unchecked until the window ends, so the broker's auth hook cannot be used to guess a device's token, while a
 * device that logs in right is never slowed down. Memory is bounded: past {@link #MAX_KEYS} keys the table starts
 * afresh. Thread-safe.
 */
final class FailureLimiter {

    static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FailureLimiter(int maxFailures, long windowNanos, LongSupplier nanoTime) {
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
    }

    /** Whether the key has failed too often in its window to be checked now. */
    boolean blocked(String key) {
        Window window = windows.get(key);
        return window != null && nanoTime.getAsLong() - window.start < windowNanos && window.failures >= maxFailures;
    }

    void failed(String key) {
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        long now = nanoTime.getAsLong();
        windows.compute(key, (k, window) -> window == null || now - window.start >= windowNanos
                ? new Window(now, 1) : new Window(window.start, window.failures + 1));
    }

    private record Window(long start, int failures) {
    }
}
