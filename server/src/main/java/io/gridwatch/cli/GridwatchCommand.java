package io.gridwatch.cli;

import io.gridwatch.app.StartupException;
import io.gridwatch.config.ConfigException;
import io.gridwatch.geo.model.GridException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridwatch} command line: the entry point of the server jar. */
@Command(name = "gridwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Hazard monitoring for grid-based city governance.",
        footer = {"", "Every command:",
            "  gridwatch demo     all on this machine; embedded PostgreSQL under ./data",
            "  gridwatch serve    production; settings from GRIDWATCH_* (see README)",
            "  gridwatch grid locate FILE LON LAT [--crs WGS84|GCJ02] [--tolerance M]",
            "  gridwatch grid locate FILE - [--crs …]    (reads 'lon lat' lines from stdin)",
            "  gridwatch grid validate FILE [--area-tolerance M2]",
            "  gridwatch grid generate --boundary FILE --seed N [--counts S,C,T,N] [-o FILE]",
            "'gridwatch grid locate --help' (and so on) explains one."},
        subcommands = {DemoCommand.class, ServeCommand.class, GridCommand.class, CommandLine.HelpCommand.class})
public final class GridwatchCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it with their own output writers. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GridwatchCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof GridException || e instanceof IllegalArgumentException || e instanceof ConfigException
                    || e instanceof StartupException) {
                line.getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            throw e;
        });
        return cli;
    }
}
