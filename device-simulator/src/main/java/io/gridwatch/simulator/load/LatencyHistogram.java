package io.gridwatch.simulator.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * PUBACK latencies (publish handed to the client → acknowledgement received), kept in microseconds with three
 * significant digits (HdrHistogram) up to ten minutes; longer values are recorded as ten minutes. Recording is
 * thread-safe (the client's callback threads record concurrently); read percentiles once recording is over.
 */
public final class LatencyHistogram {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    /** Records one latency. */
    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** Latencies recorded. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0..100), milliseconds; 0 when nothing was recorded. */
    public double percentileMillis(double percentile) {
        if (count() == 0) {
            return 0;
        }
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** The longest latency, milliseconds. */
    public double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1_000.0;
    }
}
