package io.gridwatch.cli;

import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.validate.GridValidator;
import io.gridwatch.geo.validate.ValidationOptions;
import io.gridwatch.geo.validate.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridwatch grid validate FILE}: the report on stdout, progress on stderr. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Check a grid file and print a report; exit 1 when the grid is unusable.",
            "Finds duplicate ids, broken parent links, invalid rings, children outside their parent,",
            "overlaps between siblings and gaps in a parent's cover, with the ids involved, the area in m² and the width;",
            "slivers narrower than --sliver-width are warnings."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "grid GeoJSON file")
    private Path file;

    @Option(names = "--area-tolerance", paramLabel = "M2", defaultValue = "1.0",
            description = "overlaps, gaps and overhangs up to this many square metres are ignored (default: ${DEFAULT-VALUE})")
    private double areaToleranceM2;

    @Option(names = "--sliver-width", paramLabel = "M", defaultValue = "0.05",
            description = {"overlaps, gaps and overhangs no wider than this many metres anywhere are rounding slivers:",
                "listed as warnings, the grid stays usable; 0 refuses them (default: ${DEFAULT-VALUE})"})
    private double sliverWidthM;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines on stderr")
    private boolean quiet;

    @Override
    public Integer call() {
        GridValidator validator = new GridValidator(new ValidationOptions(areaToleranceM2, sliverWidthM));
        ValidationReport report = validator.validate(GridGeoJson.readFile(file), step -> {
            if (!quiet) {
                spec.commandLine().getErr().println("validate: " + step);
            }
        });
        spec.commandLine().getOut().print(report.toText());
        spec.commandLine().getOut().flush();
        return report.usable() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
