package io.gridwatch.cli;

import io.gridwatch.geo.generate.GridCounts;
import io.gridwatch.geo.generate.GridGenerator;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.Grid;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwatch grid generate --boundary FILE --seed N}: GeoJSON on stdout, progress on stderr. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Write a five-level grid inside a district boundary as GeoJSON on stdout.",
            "Guangming's real counts by default: 6 subdistricts, 37 communities, 272 sectors, 1,734 cells.",
            "The same boundary and seed always give the same grid; it passes 'grid validate'."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--boundary", required = true, paramLabel = "FILE",
            description = "GeoJSON with the district outline (WGS84, or GCJ02 with \"crs_name\": \"GCJ02\")")
    private Path boundary;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "random seed")
    private long seed;

    @Option(names = "--counts", paramLabel = "S,C,T,N", split = ",", arity = "1",
            description = "subdistricts, communities, sectors and cells (default: 6,37,272,1734)")
    private int[] counts;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
    private Path output;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines on stderr")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        Grid grid = GridGenerator.generate(GridGeoJson.readOutline(boundary), seed, parseCounts(), step -> {
            if (!quiet) {
                spec.commandLine().getErr().println("generate: " + step);
            }
        });
        if (output != null) {
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(output.toFile()), 1 << 16)) {
                GridGeoJson.write(grid, out);
            }
        } else {
            // stdout stays open: the JVM owns it
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            GridGeoJson.write(grid, out);
            out.flush();
        }
        return ExitCodes.OK;
    }

    private GridCounts parseCounts() {
        if (counts == null) {
            return GridCounts.GUANGMING;
        }
        if (counts.length != 4) {
            throw new IllegalArgumentException("--counts needs four numbers: subdistricts,communities,sectors,cells");
        }
        return new GridCounts(counts[0], counts[1], counts[2], counts[3]);
    }
}
