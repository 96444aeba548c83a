package io.gridwatch.simulator.latency;

import io.gridwatch.simulator.load.ServerOptions;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gridwatch-sim alert-latency}: PUBLISH → websocket latency of new alerts, see {@link AlertLatencyProbe}. */
@Command(name = "alert-latency",
        mixinStandardHelpOptions = true,
        description = {"Measures the time from a smoke alarm's PUBLISH to the grid worker's websocket frame announcing",
            "the alert. Creates a worker and fresh detectors in one cell, one alarm each, resolves them afterwards.",
            "Run it alone, or beside `load` for the latency under ingest. Last line: JSON."})
public final class AlertLatencyCommand implements Callable<Integer> {

    @Mixin
    private ServerOptions server;

    @Option(names = "--samples", defaultValue = "300", description = "Alarms, one per new detector (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--rate", defaultValue = "20", description = "Alarms per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--cell-index", defaultValue = "0", description = "Which cell of the bundled grid (default: ${DEFAULT-VALUE}).")
    private int cellIndex;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || samples > 10_000 || rate <= 0 || server.http() == null) {
            throw new IllegalArgumentException("--http is needed, --samples must be 1..10000 and --rate positive");
        }
        StaffApi api = new StaffApi(server.http());
        AlertLatencyProbe.Result result = new AlertLatencyProbe(api, server.mqtt())
                .run(ProbeSite.cell(cellIndex), api.login(server.adminUser(), server.adminPassword()), samples, rate);
        var l = result.latencies();
        System.out.printf(Locale.ROOT, "alerts received %d of %d; PUBLISH → websocket ms: p50 %.1f, p95 %.1f, "
                + "p99 %.1f, max %.1f%n", result.received(), result.samples(), l.percentileMillis(50),
                l.percentileMillis(95), l.percentileMillis(99), l.maxMillis());
        System.out.printf(Locale.ROOT, "{\"samples\":%d,\"received\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,"
                + "\"p99_ms\":%.2f,\"max_ms\":%.2f}%n", result.samples(), result.received(), l.percentileMillis(50),
                l.percentileMillis(95), l.percentileMillis(99), l.maxMillis());
        return result.received() == result.samples() ? 0 : 1;
    }
}
