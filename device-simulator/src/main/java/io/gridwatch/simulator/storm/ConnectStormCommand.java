package io.gridwatch.simulator.storm;

import io.gridwatch.simulator.load.DeviceCredentials;
import io.gridwatch.simulator.load.DurationConverter;
import io.gridwatch.simulator.load.FleetOptions;
import io.gridwatch.simulator.load.ServerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch-sim connect-storm}: registers (or reuses) a fleet of devices, connects one idle MQTT 3.1.1
 * connection per device at a fixed arrival rate from several loopback source addresses, holds them, and prints the
 * CONNACK latencies, the tool's own CPU and RSS and, with {@code --watch-pid}, the server's.
 */
@Command(name = "connect-storm",
        mixinStandardHelpOptions = true,
        description = {"Connects many idle MQTT connections at a fixed arrival rate and measures CONNACK latency,",
            "then holds them (PINGREQ every 3/4 keep-alive). Progress on stderr; summary on stdout, last line JSON.",
            "Needs file limits above the connection count (ulimit -n) in this shell and the server's."})
public final class ConnectStormCommand implements Callable<Integer> {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** "Quiet": each process under a tenth of a core over a second (idle connections, timers, metrics). */
    private static final double QUIET_CORES = 0.1;
    private static final Duration QUIET_AT_MOST = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions server;

    @Option(names = "--devices", defaultValue = "100000", description = "Connections, one device each (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--rate", defaultValue = "5000", description = "New connections per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--keep-alive", defaultValue = "60s", converter = DurationConverter.class,
            description = "MQTT keep-alive (default: ${DEFAULT-VALUE}).")
    private Duration keepAlive;

    @Option(names = "--hold", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to hold every connection after the last CONNACK (default: ${DEFAULT-VALUE}).")
    private Duration hold;

    @Option(names = "--sources", defaultValue = "8",
            description = "Loopback source addresses 127.0.0.2, .3, …, source ports from 10000 up: at most 16,000 "
                    + "connections each (default: ${DEFAULT-VALUE}).")
    private int sources;

    @Option(names = "--max-waiting", defaultValue = "20000",
            description = "Connections waiting for their CONNACK at most; beyond, arrivals are skipped (default: ${DEFAULT-VALUE}).")
    private int maxWaiting;

    @Option(names = "--threads", defaultValue = "2", description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Mixin
    private FleetOptions fleet;

    @Option(names = "--warm-up", defaultValue = "0",
            description = "First make this many connections at half the rate over the fleet from its first device, "
                    + "held until all are answered, then closed (closed at their CONNACK when the fleet is smaller): "
                    + "both JVMs' connection code is compiled (C2 wants ~10,000 calls) before the measured storm "
                    + "(default: ${DEFAULT-VALUE}).")
    private int warmUp;

    @Option(names = "--register-only", description = "Register the missing devices, write the token file, and stop.")
    private boolean registerOnly;

    @Option(names = "--watch-pid", paramLabel = "PID", description = "Also report this process's RSS and CPU (the server).")
    private Long watchPid;


    @Override
    public Integer call() throws InterruptedException {
        List<DeviceCredentials> devicesUsed = fleet.registered(server, devices);
        if (registerOnly) {
            return 0;
        }
        if ((long) devices > (long) sources * (StormRun.StormSettings.WARM_UP_FIRST_PORT - StormRun.StormSettings.FIRST_PORT)
                || (long) warmUp > (long) sources * (32_768 - StormRun.StormSettings.WARM_UP_FIRST_PORT)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--sources " + sources + " gives too few source ports for " + devices + " connections (16,000 "
                            + "each) and a warm-up of " + warmUp + " (6,768 each)");
        }
        StormRun.StormSettings settings = new StormRun.StormSettings(server.mqtt().host(), server.mqtt().port(),
                sources, "127.0.0", rate, maxWaiting, keepAlive, hold, threads, PROGRESS_EVERY, watchPid,
                StormRun.StormSettings.FIRST_PORT);
        if (warmUp > 0) {
            StormRun.StormSettings gentle = new StormRun.StormSettings(settings.host(), settings.port(), sources,
                    "127.0.0", rate / 2, maxWaiting, keepAlive, Duration.ZERO, threads, PROGRESS_EVERY, null,
                    StormRun.StormSettings.WARM_UP_FIRST_PORT);
            List<DeviceCredentials> cycled = IntStream.range(0, warmUp)
                    .mapToObj(i -> devicesUsed.get(i % devicesUsed.size())).toList();
            // held until all are answered, as the storm's are (a warm-up whose connections never add up leaves the
            // growth paths of the server's maps and timer queues to the storm, where C2 then recompiles); closed at
            // their CONNACK only when the fleet is too small and a device comes round again
            StormResult warm = new StormRun(gentle, cycled, System.err, warmUp > devicesUsed.size()).run();
            System.err.printf("storm: warm-up done (%d connected, connack p99 %.1f ms), closed; the storm starts when "
                    + "the server and this tool are quiet%n", warm.connected(), warm.connack().percentileMillis(99));
            Thread.sleep(3_000);
            long waiting = System.nanoTime();
            boolean quiet = ProcessWatch.awaitQuiet(List.of(ProcessWatch.of(watchPid), ProcessWatch.self()),
                    QUIET_CORES, Duration.ofSeconds(1), QUIET_AT_MOST);
            System.err.printf("storm: %s after %.1f s more%n", quiet ? "both quiet (JIT compilers done)"
                    : "not quiet, starting anyway", (System.nanoTime() - waiting) / 1e9);
        }
        StormResult result = new StormRun(settings, devicesUsed, System.err).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.human());
        out.println(result.json());
        out.flush();
        return result.connected() == devices ? 0 : 1;
    }
}
