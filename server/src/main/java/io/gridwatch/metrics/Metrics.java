package io.gridwatch.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A small Prometheus registry: counters (optionally with one label), gauges read on scrape, and
 * histograms with fixed buckets. Rendered in the Prometheus text format by {@link #scrape()}.
 * Thread-safe; recording is lock-free.
 */
public final class Metrics {

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** A counter without labels. */
    public LongAdder counter(String name, String help) {
        return counter(name, help, null, null);
    }

    /** A counter with one label ({@code reason="bad_payload"}); the same name and value give the same counter. */
    public LongAdder counter(String name, String help, String label, String value) {
        Family family = families.computeIfAbsent(name, n -> new Family(n, help, "counter"));
        return family.counters.computeIfAbsent(labelText(label, value), k -> new LongAdder());
    }

    /** A gauge whose value is read at each scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        families.computeIfAbsent(name, n -> new Family(n, help, "gauge")).gauge = value;
    }

    /** A histogram with the given upper bounds (ascending). */
    public Histogram histogram(String name, String help, double... bounds) {
        Family family = families.computeIfAbsent(name, n -> new Family(n, help, "histogram"));
        if (family.histogram == null) {
            family.histogram = new Histogram(bounds);
        }
        return family.histogram;
    }

    /** Everything, in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        new TreeMap<>(families).values().forEach(f -> f.render(out));
        return out.toString();
    }

    private static String labelText(String label, String value) {
        if (label == null) {
            return "";
        }
        return "{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static final class Family {
        final String name;
        final String help;
        final String type;
        final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
        volatile DoubleSupplier gauge;
        volatile Histogram histogram;

        Family(String name, String help, String type) {
            this.name = name;
            this.help = help;
            this.type = type;
        }

        void render(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            if (gauge != null) {
                out.append(name).append(' ').append(number(gauge.getAsDouble())).append('\n');
            }
            new TreeMap<>(counters).forEach((labels, adder) ->
                    out.append(name).append(labels).append(' ').append(adder.sum()).append('\n'));
            if (histogram != null) {
                histogram.render(name, out);
            }
        }
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
