package io.gridwatch.simulator.load;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals of a load run, and the PUBACK latencies. Thread-safe: the scheduler counts what it sends,
 * the client's threads count acknowledgements and errors.
 */
public final class LoadCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAccumulator lastAckNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final LatencyHistogram latency = new LatencyHistogram();

    void countSent() {
        sent.increment();
    }

    void acked(long sentAtNanos, long nowNanos) {
        latency.recordNanos(nowNanos - sentAtNanos);
        lastAckNanos.accumulate(nowNanos);
        acked.increment();
    }

    void failed(Throwable error) {
        errors.increment();
        firstError.compareAndSet(null, describe(error));
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public long sent() {
        return sent.sum();
    }

    public long acked() {
        return acked.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Publishes sent and neither acknowledged nor failed yet. */
    public long inflight() {
        return Math.max(0, sent() - acked() - errors());
    }

    /** {@link System#nanoTime()} of the latest acknowledgement; {@code Long.MIN_VALUE} before the first. */
    public long lastAckNanos() {
        return lastAckNanos.get();
    }

    /** The first error seen, as {@code Type: message}; null when there was none. */
    public String firstError() {
        return firstError.get();
    }

    public LatencyHistogram latency() {
        return latency;
    }
}
