package io.gridwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.io.LocationJson;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.locate.LocatorOptions;
import io.gridwatch.geo.model.Grid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch grid locate FILE LON LAT} or {@code FILE -} for lon/lat pairs on stdin. */
@Command(name = "locate",
        mixinStandardHelpOptions = true,
        description = {"Print the cell that contains a point, with its path, as one JSON object.",
            "{\"cell\", \"path\", \"match\": inside|boundary|nearest|outside, \"distance_m\"}.",
            "With - instead of LON LAT, read 'lon lat' pairs from stdin, one per line, and print one object per line",
            "(an {\"error\"} object for a line that cannot be read; blank lines are skipped)."})
final class LocateCommand implements Callable<Integer> {

    private static final ObjectMapper ERROR_JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "grid GeoJSON file")
    private Path file;

    @Parameters(index = "1..*", paramLabel = "LON LAT | -", arity = "1..2", description = "a point, or - for stdin")
    private List<String> point;

    @Option(names = "--crs", paramLabel = "WGS84|GCJ02", defaultValue = "WGS84",
            description = "coordinate system of the points (default: ${DEFAULT-VALUE})")
    private String crsName;

    @Option(names = "--tolerance", paramLabel = "METRES", defaultValue = "30",
            description = "points outside every cell but this close to one get the nearest cell (default: ${DEFAULT-VALUE})")
    private double toleranceM;

    @Override
    public Integer call() throws IOException {
        Crs crs = parseCrs();
        boolean batch = point.size() == 1 && point.get(0).equals("-");
        if (!batch && point.size() != 2) {
            throw new ParameterException(spec.commandLine(), "expected LON LAT, or - to read pairs from stdin");
        }
        Grid grid = GridGeoJson.readGrid(file);
        // a single lookup does not pay for the raster; a batch does
        GridLocator locator = GridLocator.of(grid, new LocatorOptions(toleranceM, batch, LocatorOptions.DEFAULT_TILE_SIZE_M));
        PrintWriter out = spec.commandLine().getOut();
        if (!batch) {
            double[] lonLat = PointParser.parse(point.get(0) + " " + point.get(1));
            out.println(LocationJson.toJson(locator.locate(lonLat[0], lonLat[1], crs)));
            return ExitCodes.OK;
        }
        return locateStream(locator, crs, out);
    }

    private int locateStream(GridLocator locator, Crs crs, PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        int errors = 0;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                double[] lonLat = PointParser.parse(line);
                out.print(LocationJson.toJson(locator.locate(lonLat[0], lonLat[1], crs)));
            } catch (IllegalArgumentException e) {
                // one object per input line, so that answers stay aligned with questions
                errors++;
                out.print(ERROR_JSON.writeValueAsString(Map.of("error", "line " + lineNo + ": " + e.getMessage())));
            }
            out.print('\n');
            if (!in.ready()) {
                out.flush(); // an interactive caller waits for each answer
            }
        }
        out.flush();
        if (errors > 0) {
            spec.commandLine().getErr().println("error: " + errors + " line(s) could not be read");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private Crs parseCrs() {
        try {
            return Crs.parse(crsName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--crs: " + e.getMessage());
        }
    }
}
