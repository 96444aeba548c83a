package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import picocli.CommandLine;

/** The grid commands as a user runs them, on the bundled Guangming grid written to a file. */
class GridCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BOUNDARY = Path.of("..", "geo", "src", "main", "resources", "io", "gridwatch", "geo", "boundaries",
            "guangming-district.wgs84.geojson");

    @TempDir
    static Path dir;
    private static Path gridFile;
    private static Grid grid;

    @BeforeAll
    static void writeTheBundledGrid() throws Exception {
        grid = BundledGrid.guangming();
        gridFile = dir.resolve("guangming.geojson");
        try (OutputStream out = Files.newOutputStream(gridFile)) {
            GridGeoJson.write(grid, out);
        }
    }

    @Test
    void locatePrintsTheCellAndItsPathForAPointInside() throws Exception {
        GridUnit cell = grid.units(Level.CELL).get(100);
        Point inside = cell.geometry().getInteriorPoint();

        Run run = run("", "grid", "locate", gridFile.toString(), str(inside.getX()), str(inside.getY()));

        assertThat(run.exit).isZero();
        JsonNode answer = JSON.readTree(run.out);
        assertThat(answer.get("cell").asText()).isEqualTo(cell.id());
        assertThat(answer.get("match").asText()).isEqualTo("inside");
        assertThat(answer.get("distance_m").asDouble()).isZero();
        assertThat(answer.get("path").get("sector").asText()).isEqualTo(cell.parentId());
        assertThat(answer.get("path").get("district").asText()).isEqualTo("440311");
    }

    @Test
    void locateConvertsGcj02PointsToTheGridsWgs84() throws Exception {
        GridUnit cell = grid.units(Level.CELL).get(500);
        Point inside = cell.geometry().getInteriorPoint();
        var gcj = io.gridwatch.geo.crs.Crs.WGS84.convert(inside.getX(), inside.getY(), io.gridwatch.geo.crs.Crs.GCJ02);

        Run run = run("", "grid", "locate", gridFile.toString(), str(gcj.x), str(gcj.y), "--crs", "GCJ02");

        assertThat(JSON.readTree(run.out).get("cell").asText()).isEqualTo(cell.id());
    }

    @Test
    void locateReadsPairsFromStdinAndAnswersEachLineInOrder() throws Exception {
        Point a = grid.units(Level.CELL).get(3).geometry().getInteriorPoint();
        Point b = grid.units(Level.CELL).get(1700).geometry().getInteriorPoint();
        String stdin = a.getX() + " " + a.getY() + "\nnot a point\n" + b.getX() + "," + b.getY() + "\n120.0 30.0\n";

        Run run = run(stdin, "grid", "locate", gridFile.toString(), "-");

        List<String> lines = run.out.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(JSON.readTree(lines.get(0)).get("cell").asText()).isEqualTo(grid.units(Level.CELL).get(3).id());
        assertThat(JSON.readTree(lines.get(1)).get("error").asText()).startsWith("line 2: ");
        assertThat(JSON.readTree(lines.get(2)).get("cell").asText()).isEqualTo(grid.units(Level.CELL).get(1700).id());
        JsonNode far = JSON.readTree(lines.get(3));
        assertThat(far.get("cell").isNull()).isTrue();
        assertThat(far.get("match").asText()).isEqualTo("outside");
        assertThat(far.get("distance_m").asDouble()).isGreaterThan(500_000);
        assertThat(run.exit).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void locateWithoutACoordinateIsAUsageError() {
        Run run = run("", "grid", "locate", gridFile.toString(), "113.9");

        assertThat(run.exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err).contains("expected LON LAT");
    }

    @Test
    void validatePassesTheBundledGridAndExitsZero() {
        Run run = run("", "grid", "validate", gridFile.toString(), "--quiet");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("1,734 cells").contains("no defects: usable");
    }

    @Test
    void validateFailsABrokenFileWithAMessageNamingTheFeature() throws Exception {
        Path broken = dir.resolve("broken.geojson");
        Files.writeString(broken, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"id\":\"x\",\"level\":\"town\"},\"geometry\":null}]}");

        Run run = run("", "grid", "validate", broken.toString());

        assertThat(run.exit).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err).contains("error: feature 0 (id \"x\"): level \"town\"");
    }

    @Test
    void generateWritesAGridThatValidatesClean() {
        Path out = dir.resolve("small.geojson");

        Run generated = run("", "grid", "generate", "--boundary", BOUNDARY.toString(), "--seed", "5",
                "--counts", "2,4,8,24", "-o", out.toString());
        Run validated = run("", "grid", "validate", out.toString(), "-q");

        assertThat(generated.exit).isZero();
        assertThat(generated.err).contains("generate: ");
        assertThat(validated.exit).isZero();
        assertThat(validated.out).contains("2 subdistricts, 4 communities, 8 sectors, 24 cells; no defects: usable");
    }

    @Test
    void helpListsEveryGridCommand() {
        Run run = run("", "--help");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("grid locate FILE LON LAT", "grid locate FILE -", "grid validate FILE",
                "grid generate --boundary FILE --seed N");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GridwatchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = cli.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private static String str(double value) {
        return Double.toString(value);
    }
}
