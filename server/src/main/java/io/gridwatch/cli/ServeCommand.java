package io.gridwatch.cli;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.GridwatchConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwatch serve}: production, configured by environment variables. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Run the server against the PostgreSQL/TimescaleDB in GRIDWATCH_DB_URL.",
            "Ports from GRIDWATCH_HTTP_PORT (8080) and GRIDWATCH_MQTT_PORT (1883), 0 for any free port;",
            "prints 'http port: N' and 'mqtt port: N' when ready. Every setting is in the README."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Set by {@code localcluster.NodeProcess}: a node of {@code demo --nodes} ends with the demo, even a killed one. */
    @Option(names = "--exit-with", hidden = true, paramLabel = "PID",
            description = "Stop when the process PID ends (the nodes of demo --nodes).")
    private Long exitWith;

    @Override
    public Integer call() throws InterruptedException {
        GridwatchConfig config = GridwatchConfig.fromEnv(System.getenv());
        if (config.db().isEmpty()) {
            throw new ConfigException("GRIDWATCH_DB_URL is not set (postgresql://user:pass@host:port/db); "
                    + "'gridwatch demo' runs with its own embedded database");
        }
        if (exitWith != null) {
            ParentWatch.exitWhenGone(exitWith);
        }
        return ServerRunner.run(config, spec.commandLine().getOut(), Companion.NONE, () -> { });
    }
}
