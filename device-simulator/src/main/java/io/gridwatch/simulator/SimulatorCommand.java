package io.gridwatch.simulator;

import io.gridwatch.simulator.latency.AlertLatencyCommand;
import io.gridwatch.simulator.load.LoadCommand;
import io.gridwatch.simulator.load.LoadException;
import io.gridwatch.simulator.run.RunCommand;
import io.gridwatch.simulator.storm.ConnectStormCommand;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridwatch-sim} command line: the entry point of {@code gridwatch-sim.jar}. */
@Command(name = "gridwatch-sim",
        mixinStandardHelpOptions = true,
        version = "gridwatch-sim 0.1.0",
        description = "Simulated gridwatch sensors over MQTT.",
        subcommands = {RunCommand.class, LoadCommand.class, AlertLatencyCommand.class, ConnectStormCommand.class,
            CommandLine.HelpCommand.class})
public final class SimulatorCommand {

    /** Exit code of a command that failed with a clear message. */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof LoadException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException || e instanceof UncheckedIOException) {
                line.getErr().println("error: " + e.getMessage());
                return FAILED;
            }
            throw e;
        });
        return cli;
    }
}
