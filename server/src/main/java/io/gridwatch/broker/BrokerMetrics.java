package io.gridwatch.broker;

import io.gridwatch.ingest.RejectReason;
import io.gridwatch.metrics.Histogram;
import io.gridwatch.metrics.Metrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Broker mode's figures, beside the own listener's {@code gridwatch_mqtt_*}. Thread-safe.
 *
 * <ul>
 * <li>{@code gridwatch_broker_connected}: 1 while connected and subscribed, else 0
 * <li>{@code gridwatch_broker_connects_total}: connections made to the broker (the first and every reconnect)
 * <li>{@code gridwatch_broker_readings_total}: readings received from the broker and stored (redeliveries too)
 * <li>{@code gridwatch_broker_rejects_total{reason}}: refused readings (the own listener's reasons), acknowledged
 * <li>{@code gridwatch_broker_write_failures_total}: writes that failed (written again while the link lasts)
 * <li>{@code gridwatch_broker_unacknowledged}: readings received and not yet acknowledged
 * <li>{@code gridwatch_broker_ack_latency_seconds}: from receipt to the acknowledgement, stored readings
 * </ul>
 */
final class BrokerMetrics {

    private final LongAdder readings;
    private final LongAdder connects;
    private final LongAdder writeFailures;
    private final Map<RejectReason, LongAdder> rejects = new EnumMap<>(RejectReason.class);
    private final Histogram ackLatency;

    BrokerMetrics(Metrics metrics, BooleanSupplier up, IntSupplier unacknowledged) {
        readings = metrics.counter("gridwatch_broker_readings_total",
                "Readings received from the site's MQTT broker and stored.");
        connects = metrics.counter("gridwatch_broker_connects_total", "Connections made to the site's MQTT broker.");
        writeFailures = metrics.counter("gridwatch_broker_write_failures_total",
                "Broker readings whose write failed (held unacknowledged and written again).");
        for (RejectReason reason : RejectReason.values()) {
            rejects.put(reason, metrics.counter("gridwatch_broker_rejects_total",
                    "Broker readings refused (and acknowledged, never stored), by reason.", "reason", reason.label()));
        }
        metrics.gauge("gridwatch_broker_connected", "1 while connected and subscribed to the site's MQTT broker.",
                () -> up.getAsBoolean() ? 1 : 0);
        metrics.gauge("gridwatch_broker_unacknowledged", "Broker readings received and not yet acknowledged.",
                unacknowledged::getAsInt);
        ackLatency = metrics.histogram("gridwatch_broker_ack_latency_seconds",
                "Time from a broker reading's receipt to its acknowledgement, for stored readings.",
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    }

    void connected() {
        connects.increment();
    }

    void stored() {
        readings.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void refused(RejectReason reason) {
        rejects.get(reason).increment();
    }

    void acknowledged(long nanosSinceReceipt) {
        ackLatency.record(nanosSinceReceipt / 1e9);
    }
}
