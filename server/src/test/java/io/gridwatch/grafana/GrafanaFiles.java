package io.gridwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code grafana/} directory (beside the server module), read for the tests. */
final class GrafanaFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private GrafanaFiles() {
    }

    /** {@code grafana/}, resolved from the server module's directory (Maven's {@code basedir}). */
    static Path root() {
        Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
        Path root = module.resolve("../grafana").toAbsolutePath().normalize();
        assertThat(root).as("the grafana directory beside the server module (basedir: %s)", module).isDirectory();
        return root;
    }

    static Path dashboardsDirectory() {
        return root().resolve("dashboards");
    }

    /** Every {@code *.json} under {@code grafana/dashboards}, by file name; fails when there is none. */
    static List<DashboardFile> dashboards() {
        Path directory = dashboardsDirectory();
        assertThat(directory).as("grafana/dashboards").isDirectory();
        try (Stream<Path> files = Files.list(directory)) {
            List<DashboardFile> dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> new DashboardFile(f.getFileName().toString(), read(JSON, f))).toList();
            assertThat(dashboards).as("dashboards in %s", directory).isNotEmpty();
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A provisioning file, e.g. {@code datasources/gridwatch.yaml}. */
    static JsonNode provisioning(String relative) {
        return read(YAML, root().resolve("provisioning").resolve(relative));
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        assertThat(file).as("grafana file").isRegularFile();
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }
}
