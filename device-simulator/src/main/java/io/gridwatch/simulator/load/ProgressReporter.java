package io.gridwatch.simulator.load;

import java.io.PrintStream;

/**
 * Prints one progress line per call: {@code t=10s sent=… acked=… rate=…/s inflight=… errors=…}, the rate being
 * acknowledgements per second since the previous line. Called from one thread at a time.
 */
final class ProgressReporter {

    private final LoadCounters counters;
    private final PrintStream out;
    private long previousNanos;
    private long previousAcked;

    ProgressReporter(LoadCounters counters, PrintStream out) {
        this.counters = counters;
        this.out = out;
    }

    /** Prints the line for {@code elapsedNanos} since the start. */
    void report(long elapsedNanos) {
        long acked = counters.acked();
        double seconds = (elapsedNanos - previousNanos) / 1e9;
        double rate = seconds <= 0 ? 0 : (acked - previousAcked) / seconds;
        out.printf("t=%ds sent=%d acked=%d rate=%.0f/s inflight=%d errors=%d%n", Math.round(elapsedNanos / 1e9),
                counters.sent(), acked, rate, counters.inflight(), counters.errors());
        out.flush();
        previousNanos = elapsedNanos;
        previousAcked = acked;
    }
}
