package io.gridwatch.ingest;

import io.gridwatch.ingest.RejectReason.Stage;
import io.gridwatch.metrics.Histogram;
import io.gridwatch.metrics.Metrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The MQTT endpoint's figures, registered once in the shared {@link Metrics}: every reason is registered up front,
 * so that a dashboard sees zeros rather than gaps. Thread-safe.
 *
 * <ul>
 * <li>{@code gridwatch_mqtt_readings_total}: readings stored (the sink's write succeeded)
 * <li>{@code gridwatch_mqtt_rejects_total{reason}}: refused payloads and packets
 * <li>{@code gridwatch_mqtt_connect_rejects_total{reason}}: refused log-ins
 * <li>{@code gridwatch_mqtt_write_failures_total}: readings the sink could not store (never acknowledged)
 * <li>{@code gridwatch_mqtt_connections_total}: accepted connections
 * <li>{@code gridwatch_mqtt_connected_devices}: devices connected now
 * <li>{@code gridwatch_mqtt_puback_latency_seconds}: from PUBLISH received to PUBACK/PUBREC sent, stored readings
 * </ul>
 */
final class IngestMetrics {

    private final LongAdder readings;
    private final LongAdder writeFailures;
    private final LongAdder connections;
    private final Map<RejectReason, LongAdder> rejects = new EnumMap<>(RejectReason.class);
    private final Histogram pubackLatency;

    IngestMetrics(Metrics metrics, IntSupplier connectedDevices) {
        readings = metrics.counter("gridwatch_mqtt_readings_total", "Readings received over MQTT and stored.");
        writeFailures = metrics.counter("gridwatch_mqtt_write_failures_total",
                "Readings that could not be stored and were not acknowledged.");
        connections = metrics.counter("gridwatch_mqtt_connections_total", "MQTT connections accepted.");
        for (RejectReason reason : RejectReason.values()) {
            rejects.put(reason, reason.stage() == Stage.CONNECT
                    ? metrics.counter("gridwatch_mqtt_connect_rejects_total", "MQTT log-ins refused, by reason.",
                            "reason", reason.label())
                    : metrics.counter("gridwatch_mqtt_rejects_total", "MQTT packets and payloads refused, by reason.",
                            "reason", reason.label()));
        }
        metrics.gauge("gridwatch_mqtt_connected_devices", "Devices connected over MQTT.",
                connectedDevices::getAsInt);
        pubackLatency = metrics.histogram("gridwatch_mqtt_puback_latency_seconds",
                "Time from a QoS 1/2 PUBLISH to its acknowledgement, for stored readings.",
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    }

    void stored() {
        readings.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void connected() {
        connections.increment();
    }

    void refused(RejectReason reason) {
        rejects.get(reason).increment();
    }

    void acknowledged(long nanosSinceReceipt) {
        pubackLatency.record(nanosSinceReceipt / 1e9);
    }
}
