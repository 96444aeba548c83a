package io.gridwatch.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds. Thread-safe, lock-free. */
public final class Histogram {

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder overflow = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                sum.add(value);
                return;
            }
        }
        overflow.increment();
        sum.add(value);
    }

    public long count() {
        long total = overflow.sum();
        for (LongAdder bucket : buckets) {
            total += bucket.sum();
        }
        return total;
    }

    void render(String name, StringBuilder out) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name).append("_bucket{le=\"").append(Metrics.number(bounds[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        // +Inf and _count derive from the same reads as the buckets, so they never fall below them
        long total = cumulative + overflow.sum();
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum ").append(sum.sum()).append('\n');
        out.append(name).append("_count ").append(total).append('\n');
    }
}
