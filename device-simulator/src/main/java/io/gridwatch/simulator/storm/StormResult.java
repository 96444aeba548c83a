package io.gridwatch.simulator.storm;

import io.gridwatch.simulator.load.LatencyHistogram;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a connection storm came to, for people and as one JSON line. */
record StormResult(int devices, long connected, long dropped, long closedEarly, int skipped, Map<String, Long> failures,
        double arrivalSeconds, LatencyHistogram connack, LatencyHistogram total, LatencyHistogram tcp,
        ProcessWatch tool, ProcessWatch server) {

    String human() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "connections: %d of %d connected in %.1f s (%.0f/s arrived), "
                        + "%d dropped after the connack, %d skipped (too many waiting)%n", connected, devices,
                arrivalSeconds, connected / arrivalSeconds, dropped, skipped));
        out.append(String.format(Locale.ROOT, "connack latency ms (CONNECT written -> CONNACK read): p50 %.2f  p90 %.2f"
                        + "  p99 %.2f  p99.9 %.2f  max %.2f%n", connack.percentileMillis(50),
                connack.percentileMillis(90), connack.percentileMillis(99), connack.percentileMillis(99.9),
                connack.maxMillis()));
        out.append(String.format(Locale.ROOT, "connect ms (TCP connect started -> CONNACK read): p50 %.2f  p99 %.2f"
                        + "  max %.2f; TCP handshake p99 %.2f%n", total.percentileMillis(50),
                total.percentileMillis(99), total.maxMillis(), tcp.percentileMillis(99)));
        failures.forEach((why, count) -> out.append("failed: ").append(count).append(" × ").append(why).append('\n'));
        out.append(String.format(Locale.ROOT, "load tool: %.1f CPU s during the run (on loopback the kernel's TCP work of "
                + "both ends is mostly charged to the connecting side), RSS %.0f MB%n", tool.cpuSecondsSinceStart(),
                tool.lastRssMb()));
        if (server.watching()) {
            out.append(String.format(Locale.ROOT, "server: RSS %.0f MB at the end (max %.0f MB), %.1f CPU s during the "
                    + "run%n", server.lastRssMb(), server.maxRssMb(), server.cpuSecondsSinceStart()));
        }
        return out.toString();
    }

    String json() {
        String failed = failures.entrySet().stream()
                .map(e -> "\"" + e.getKey().replace("\\", "\\\\").replace("\"", "'") + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return String.format(Locale.ROOT, "{\"devices\":%d,\"connected\":%d,\"dropped\":%d,\"skipped\":%d,"
                        + "\"arrival_s\":%.2f,\"connack_ms\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,"
                        + "\"max\":%.3f},\"connect_p99_ms\":%.3f,\"failures\":%s,\"tool_cpu_s\":%.2f,\"tool_rss_mb\":%.0f,"
                        + "\"server_rss_mb\":%.0f,\"server_max_rss_mb\":%.0f,\"server_cpu_s\":%.2f}",
                devices, connected, dropped, skipped, arrivalSeconds, connack.percentileMillis(50),
                connack.percentileMillis(90), connack.percentileMillis(99), connack.percentileMillis(99.9),
                connack.maxMillis(), total.percentileMillis(99), failed, tool.cpuSecondsSinceStart(),
                tool.lastRssMb(), server.lastRssMb(), server.maxRssMb(), server.cpuSecondsSinceStart());
    }
}
