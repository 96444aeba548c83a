package io.gridwatch.simulator.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch-sim load}: registers (or reuses) a fleet of load devices, runs a {@link LoadRun} and prints the
 * summary; optionally counts the rows the run left in the database.
 */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        description = {"Publishes readings from many MQTT connections at a target aggregate rate and measures the",
            "achieved rate and PUBACK latency. Progress every 5 s on stderr; the summary on stdout, last line JSON."},
        footer = {"", "Exit codes: 0 done, 1 failed, 3 rows in the database differ from the PUBACKs received."})
public final class LoadCommand implements Callable<Integer> {

    /** Exit code when {@code --count-db} found a number of rows other than the acknowledged publishes. */
    public static final int ROWS_MISMATCH = 3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions server;

    @Option(names = "--devices", defaultValue = "500", description = "Connections, one device each (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--rate", defaultValue = "10000", description = "Aggregate target, msgs/s (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--qos", defaultValue = "1", description = "0 or 1 (default: ${DEFAULT-VALUE}).")
    private int qos;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to send: 60s, 2m, … (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--mqtt-version", defaultValue = "5", description = "3 (3.1.1) or 5 (default: ${DEFAULT-VALUE}).")
    private int mqttVersion;

    @Option(names = "--inflight", defaultValue = "32",
            description = "Unacknowledged publishes per connection (default: ${DEFAULT-VALUE}).")
    private int inflight;

    @Option(names = "--burst", defaultValue = "1",
            description = "Messages sent back to back on one connection per turn (default: ${DEFAULT-VALUE}).")
    private int burst;

    @Mixin
    private FleetOptions fleet;

    @Option(names = "--plain-broker",
            description = "A broker without gridwatch's registry (Mosquitto): no registration, no password.")
    private boolean plainBroker;

    @Option(names = "--count-db", paramLabel = "URL",
            description = "After the run, count this run's rows in readings (postgresql://user@host:port/db).")
    private String countDb;

    @Option(names = "--netty-threads", defaultValue = "2",
            description = "Event-loop threads shared by all connections (default: ${DEFAULT-VALUE}).")
    private int nettyThreads;

    @Option(names = "--connect-concurrency", defaultValue = "100",
            description = "CONNECTs outstanding at once (default: ${DEFAULT-VALUE}).")
    private int connectConcurrency;

    @Option(names = "--drain-timeout", defaultValue = "15s", converter = DurationConverter.class,
            description = "Wait for outstanding acks after sending (default: ${DEFAULT-VALUE}).")
    private Duration drainTimeout;

    @Option(names = "--client", defaultValue = "hivemq",
            description = {"hivemq: the HiveMQ MQTT client, one per connection (default); frames: MQTT packets written",
                "by hand, every connection on one thread, QoS 1 only: a cheap load that leaves the CPU to the broker."})
    private String client;

    @Option(names = "--progress-every", defaultValue = "5s", converter = DurationConverter.class,
            description = "Progress interval (default: ${DEFAULT-VALUE}).")
    private Duration progressEvery;

    @Override
    public Integer call() {
        LoadSettings settings = new LoadSettings(server.mqtt(), devices, rate, qos, mqttVersion, duration,
                inflight, burst, nettyThreads, connectConcurrency, drainTimeout, progressEvery);
        DatabaseUrl database = countDb == null ? null : DatabaseUrl.parse(countDb);
        List<DeviceCredentials> devicesUsed = plainBroker ? anonymousFleet() : registeredFleet();
        LoadResult result = switch (client) {
            case "hivemq" -> new LoadRun(settings, devicesUsed, System.err).run();
            case "frames" -> new FrameLoadRun(settings, devicesUsed, System.err).run();
            default -> throw new IllegalArgumentException("--client must be hivemq or frames, not " + client);
        };
        Long rows = database == null ? null : RowCounter.count(database, fleet.prefix(), result.startedAt());
        LoadSummary summary = new LoadSummary(result, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(summary.human());
        out.println(summary.json());
        out.flush();
        return Boolean.FALSE.equals(summary.rowsMatch()) ? ROWS_MISMATCH : 0;
    }

    private List<DeviceCredentials> anonymousFleet() {
        return DeviceIds.of(fleet.prefix(), devices).stream().map(id -> new DeviceCredentials(id, null)).toList();
    }

    private List<DeviceCredentials> registeredFleet() {
        return fleet.registered(server, devices);
    }
}
