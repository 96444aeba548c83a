package io.gridwatch.ingest;

import io.gridwatch.ingest.MqttIngestOptions.RateLimit;

/**
 * The QoS 0 rate limit of one connection: a token bucket of {@code burst} tokens refilled at {@code perSecond}
 * lets a message pass when it holds a token. A message without a token is dropped and spends one token of a
 * second bucket, the tolerance ({@code dropsBeforeDisconnect} tokens, refilled at the same rate); when the
 * tolerance is spent the device is to be disconnected. So a device a little over its rate is throttled for as long
 * as it keeps doing so, while a device sending at ten times its rate is cut off after a few seconds.
 *
 * <p>Time comes in as nanoseconds from a monotonic source, which keeps this class pure. Not thread-safe: one per
 * connection, used on its event loop.
 */
final class Qos0Limiter {

    enum Verdict { PASS, DROP, DISCONNECT }

    private final double perNano;
    private final double burst;
    private final double tolerance;
    private double tokens;
    private double toleranceLeft;
    private long lastNanos;

    Qos0Limiter(RateLimit limit, long nowNanos) {
        this.perNano = limit.perSecond() / 1e9;
        this.burst = limit.burst();
        this.tolerance = limit.dropsBeforeDisconnect();
        this.tokens = burst;
        this.toleranceLeft = tolerance;
        this.lastNanos = nowNanos;
    }

    Verdict admit(long nowNanos) {
        double refill = Math.max(0, nowNanos - lastNanos) * perNano;
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + refill);
        toleranceLeft = Math.min(tolerance, toleranceLeft + refill);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        toleranceLeft -= 1;
        return toleranceLeft < 0 ? Verdict.DISCONNECT : Verdict.DROP;
    }
}
