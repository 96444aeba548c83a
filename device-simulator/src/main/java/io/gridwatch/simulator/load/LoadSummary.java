package io.gridwatch.simulator.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The final report of a run, for people (several lines) and for scripts (one JSON line).
 *
 * @param result what the run measured
 * @param rowsInDatabase rows counted in the database, or null when not counted
 */
public record LoadSummary(LoadResult result, Long rowsInDatabase) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the rows in the database equal the acknowledged publishes; null when not counted. */
    public Boolean rowsMatch() {
        return rowsInDatabase == null ? null : rowsInDatabase == result.acked();
    }

    /** The report for people. */
    public String human() {
        LoadResult r = result;
        LoadSettings s = r.settings();
        LatencyHistogram latency = r.latency();
        StringBuilder text = new StringBuilder();
        text.append(format("load: %s, MQTT %s, QoS %d, %d connections (%d up), target %,.0f msgs/s for %.0f s%n",
                s.broker(), s.mqttVersion() == 5 ? "5" : "3.1.1", s.qos(), s.devices(), r.connected(), s.rate(),
                s.duration().toMillis() / 1000.0));
        text.append(format("sent %,d  acked %,d  errors %,d  skipped %,d  unfinished %,d%n", r.sent(), r.acked(),
                r.errors(), r.skipped(), r.unfinished()));
        text.append(format("achieved %,.0f msgs/s (acked / %.1f s from first send to last ack)%n",
                r.achievedRate(), r.ackSeconds()));
        if (s.qos() == 1) {
            text.append(format("PUBACK latency ms: p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    latency.percentileMillis(50), latency.percentileMillis(95), latency.percentileMillis(99),
                    latency.percentileMillis(99.9), latency.maxMillis()));
        }
        if (r.firstError() != null) {
            text.append("first error: ").append(r.firstError()).append('\n');
        }
        if (rowsInDatabase != null) {
            text.append(format("rows in database = %d, acked = %d, match: %s%n", rowsInDatabase, r.acked(),
                    rowsMatch() ? "yes" : "no"));
        }
        return text.toString();
    }

    /** The report as one line of JSON. */
    public String json() {
        LoadResult r = result;
        LoadSettings s = r.settings();
        ObjectNode node = JSON.createObjectNode()
                .put("broker", s.broker().toString())
                .put("mqtt_version", s.mqttVersion())
                .put("qos", s.qos())
                .put("devices", s.devices())
                .put("connected", r.connected())
                .put("target_rate", s.rate())
                .put("duration_s", s.duration().toMillis() / 1000.0)
                .put("started_at", r.startedAt().toString())
                .put("sent", r.sent())
                .put("acked", r.acked())
                .put("errors", r.errors())
                .put("skipped", r.skipped())
                .put("unfinished", r.unfinished())
                .put("rate_per_s", round(r.achievedRate()))
                .put("send_rate_per_s", round(r.sendSeconds() <= 0 ? 0 : r.sent() / r.sendSeconds()))
                .put("p50_ms", round(r.latency().percentileMillis(50)))
                .put("p95_ms", round(r.latency().percentileMillis(95)))
                .put("p99_ms", round(r.latency().percentileMillis(99)))
                .put("p999_ms", round(r.latency().percentileMillis(99.9)))
                .put("max_ms", round(r.latency().maxMillis()));
        node.put("first_error", r.firstError());
        if (rowsInDatabase != null) {
            node.put("rows_in_db", rowsInDatabase).put("rows_match", rowsMatch());
        }
        return node.toString();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
