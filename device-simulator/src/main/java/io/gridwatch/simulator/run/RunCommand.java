package io.gridwatch.simulator.run;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.simulator.load.DurationConverter;
import io.gridwatch.simulator.load.ServerOptions;
import io.gridwatch.simulator.scenario.Incidents;
import io.gridwatch.simulator.scenario.Scenario;
import io.gridwatch.simulator.scenario.SensorSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwatch-sim run}: a realistic fleet in the bundled Guangming grid, under a scenario, until stopped. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Run a simulated fleet of smoke detectors and water-level gauges over MQTT under a scenario",
            "(normal, fire, flood, storm) until Ctrl-C or --duration. Tokens and sequence numbers are kept in",
            "the --state file, so that a restart reuses them."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions server;

    @Option(names = "--state", defaultValue = "fleet-state.json",
            description = "Tokens and next sequence numbers, kept between runs (default: ${DEFAULT-VALUE}).")
    private Path state;

    @Option(names = "--scenario", defaultValue = "normal", converter = ScenarioConverter.class,
            description = "normal, fire, flood or storm (default: ${DEFAULT-VALUE}).")
    private Scenario scenario;

    @Option(names = "--seed", defaultValue = "1", description = "Fleet and signal seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--smoke", defaultValue = "2000", description = "Smoke detectors (default: ${DEFAULT-VALUE}).")
    private int smoke;

    @Option(names = "--gauges", defaultValue = "150", description = "Water-level gauges (default: ${DEFAULT-VALUE}).")
    private int gauges;

    @Option(names = "--prefix", defaultValue = "sim-", description = "Device id prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--fire-at", converter = DurationConverter.class,
            description = "Fire outbreak after the start (fire: 60s).")
    private Duration fireAt;

    @Option(names = "--fire-cell", description = "Cell id of the fire (default: a seeded choice).")
    private String fireCell;

    @Option(names = "--flood-at", converter = DurationConverter.class, description = "Flash-flood onset (flood: 60s).")
    private Duration floodAt;

    @Option(names = "--storm-at", converter = DurationConverter.class, description = "Storm onset (storm: 60s).")
    private Duration stormAt;

    @Option(names = "--smoke-interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "Quiet smoke detector's interval (default: ${DEFAULT-VALUE}).")
    private Duration smokeInterval;

    @Option(names = "--water-interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "Gauge interval (default: ${DEFAULT-VALUE}).")
    private Duration waterInterval;

    @Option(names = "--alarm-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Detector interval once a fire's smoke reaches it (default: ${DEFAULT-VALUE}).")
    private Duration alarmInterval;

    @Option(names = "--replay-speed", defaultValue = "60",
            description = "Seconds of the real lake series per second (default: ${DEFAULT-VALUE}).")
    private double replaySpeed;

    @Option(names = "--silent-one-in", defaultValue = "200",
            description = "One device in N falls silent during the run, 0 for none (default: ${DEFAULT-VALUE}).")
    private int silentOneIn;

    @Option(names = "--low-battery-one-in", defaultValue = "100",
            description = "One device in N starts nearly flat, 0 for none (default: ${DEFAULT-VALUE}).")
    private int lowBatteryOneIn;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    private Duration duration;

    @Option(names = "--progress-every", defaultValue = "10s", converter = DurationConverter.class,
            description = "Progress line interval on stderr (default: ${DEFAULT-VALUE}).")
    private Duration progressEvery;

    @Override
    public Integer call() throws InterruptedException {
        Incidents incidents = scenario.incidents().overriddenBy(new Incidents(fireAt, floodAt, stormAt, null, null));
        SensorSettings sensors = SensorSettings.DEFAULTS.withIntervals(smokeInterval, waterInterval, alarmInterval)
                .withReplaySpeed(replaySpeed).withFailures(silentOneIn, lowBatteryOneIn);
        RunSettings settings = RunSettings.defaults(server.mqtt(), server.http(), server.adminUser(),
                        server.adminPassword(), state)
                .withFleet(seed, smoke, gauges, prefix).withIncidents(incidents, fireCell).withSensors(sensors);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FleetRun run = FleetRun.start(settings, BundledGrid.guangming());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.close();
            stopped.countDown();
        }, "fleet-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        RunSummary.print(run, scenario, incidents, out);
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end && !stopped.await(Math.min(progressEvery.toMillis(),
                Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
            err.printf("t=%.0fs connected=%d %s%n", run.elapsedSeconds(), run.connected(), run.stats());
            err.flush();
        }
        if (stopped.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            run.close();
        }
        out.println("run: " + run.stats());
        out.flush();
        return 0;
    }
}
