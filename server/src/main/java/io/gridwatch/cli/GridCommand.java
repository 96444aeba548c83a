package io.gridwatch.cli;

import picocli.CommandLine.Command;

/** {@code gridwatch grid …}: tools for grid files. */
@Command(name = "grid",
        mixinStandardHelpOptions = true,
        description = "Locate points in, validate and generate five-level grid files (GeoJSON).",
        subcommands = {LocateCommand.class, ValidateCommand.class, GenerateCommand.class})
final class GridCommand {
}
