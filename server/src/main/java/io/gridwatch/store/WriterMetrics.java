package io.gridwatch.store;

import io.gridwatch.metrics.Histogram;
import io.gridwatch.metrics.Metrics;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The reading writer's Prometheus series. Thread-safe (lock-free adders). */
final class WriterMetrics {

    private static final double[] BATCH_SIZES = {1, 10, 50, 100, 250, 500, 1000, 2000, 5000};
    private static final double[] LATENCIES = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    final LongAdder written;
    final LongAdder duplicates;
    final LongAdder batches;
    final LongAdder failures;
    final LongAdder refused;
    final Histogram batchSize;
    final Histogram latency;

    WriterMetrics(Metrics metrics, IntSupplier queueDepth) {
        written = metrics.counter("gridwatch_readings_written_total", "new readings committed");
        duplicates = metrics.counter("gridwatch_readings_duplicate_total",
                "redelivered readings already stored (acknowledged again, not stored twice)");
        batches = metrics.counter("gridwatch_write_batches_total", "write batches committed");
        failures = metrics.counter("gridwatch_write_failures_total",
                "readings whose batch failed (not acknowledged, the device sends them again)");
        refused = metrics.counter("gridwatch_write_refused_total",
                "readings refused because the write queue was full");
        batchSize = metrics.histogram("gridwatch_write_batch_size", "readings per committed write batch", BATCH_SIZES);
        latency = metrics.histogram("gridwatch_write_latency_seconds",
                "time from accepting a reading to its commit", LATENCIES);
        metrics.gauge("gridwatch_write_queue_depth", "readings accepted and not yet committed",
                () -> queueDepth.getAsInt());
    }
}
