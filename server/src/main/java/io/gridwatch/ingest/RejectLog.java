package io.gridwatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a refusal earns a log line: at most one per key (a device id) per period, one minute by default,
 * so that a misbehaving device cannot flood the log while every refusal is still counted in the metrics.
 *
 * <p>Memory is bounded: keys whose period has passed are dropped by {@link #sweep()}, and when
 * {@code maxKeys} keys are within their period (a scan of made-up device ids), new keys are not logged.
 * Thread-safe.
 */
public final class RejectLog {

    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
    static final int DEFAULT_MAX_KEYS = 10_000;

    private final Clock clock;
    private final long periodMillis;
    private final int maxKeys;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    public RejectLog(Clock clock) {
        this(clock, DEFAULT_PERIOD, DEFAULT_MAX_KEYS);
    }

    public RejectLog(Clock clock, Duration period, int maxKeys) {
        this.clock = clock;
        this.periodMillis = period.toMillis();
        this.maxKeys = maxKeys;
    }

    /** True when nothing was logged for {@code key} within the period: the caller logs, and the period restarts. */
    public boolean shouldLog(String key) {
        long now = clock.millis();
        if (lastLogged.size() >= maxKeys && !lastLogged.containsKey(key)) {
            sweep();
            if (lastLogged.size() >= maxKeys) {
                return false;
            }
        }
        boolean[] admitted = {false};
        lastLogged.compute(key, (k, last) -> {
            if (last == null || now - last >= periodMillis) {
                admitted[0] = true;
                return now;
            }
            return last;
        });
        return admitted[0];
    }

    /** Forgets keys whose period has passed. */
    public void sweep() {
        long now = clock.millis();
        lastLogged.values().removeIf(last -> now - last >= periodMillis);
    }

    int size() {
        return lastLogged.size();
    }
}
