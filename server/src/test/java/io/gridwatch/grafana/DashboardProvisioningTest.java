package io.gridwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The files under {@code grafana/} without a database: the provisioning YAML parses and points at what exists,
 * dashboards are unique and refer only to provisioned data sources, SQL stays off TimescaleDB-only functions, and
 * every Prometheus expression is well formed and names series the server exports.
 */
class DashboardProvisioningTest {

    private static final Pattern METRIC = Pattern.compile("\\bgridwatch_[a-z0-9_]+");
    private static final Pattern METRIC_IN_SOURCE = Pattern.compile("\"(gridwatch_[a-z0-9_]+)\"");
    /** Functions of TimescaleDB (and its toolkit) that plain PostgreSQL lacks. */
    private static final Pattern TIMESCALE_ONLY = Pattern.compile(
            "\\b(time_bucket\\w*|first|last|locf|interpolate|histogram|approx_percentile|percentile_agg|"
                    + "time_weight|counter_agg|stats_agg)\\s*\\(", Pattern.CASE_INSENSITIVE);

    static List<DashboardFile> dashboards() {
        return GrafanaFiles.dashboards();
    }

    @Test
    void datasourcesAreProvisionedFromTheEnvironment() {
        // given the data source provisioning file
        JsonNode datasources = GrafanaFiles.provisioning("datasources/gridwatch.yaml");
        // then it is Grafana's format with the PostgreSQL data source configured from GRIDWATCH_PG_* variables
        assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode pg = datasource(datasources, "gridwatch-pg");
        assertThat(pg.path("type").asText()).isIn("grafana-postgresql-datasource", "postgres");
        assertThat(List.of(pg.path("url").asText(), pg.path("user").asText(),
                pg.path("secureJsonData").path("password").asText(), pg.path("jsonData").path("database").asText()))
                .allSatisfy(value -> assertThat(value).matches("\\$\\{?GRIDWATCH_PG_[A-Z]+}?"));
        assertThat(pg.path("jsonData").path("timescaledb").isBoolean()).as("timescaledb flag").isTrue();
        assertThat(datasource(datasources, "gridwatch-prom").path("type").asText()).isEqualTo("prometheus");
    }

    @Test
    void dashboardProviderPointsAtTheDashboards() {
        // given the dashboard provider, with GF_PATHS_PROVISIONING set to grafana/provisioning as the README says
        JsonNode providers = GrafanaFiles.provisioning("dashboards/gridwatch.yaml").path("providers");
        assertThat(providers).hasSize(1);
        JsonNode provider = providers.get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText()
                .replaceAll("\\$\\{?GF_PATHS_PROVISIONING}?", GrafanaFiles.root().resolve("provisioning").toString());
        // then its path is the directory the dashboards are in
        assertThat(Paths.get(path).toAbsolutePath().normalize()).isEqualTo(GrafanaFiles.dashboardsDirectory());
    }

    @Test
    void dashboardsHaveUniqueUidsAndTitles() {
        List<DashboardFile> dashboards = dashboards();
        assertThat(dashboards).extracting(DashboardFile::uid).doesNotContain("").doesNotHaveDuplicates();
        assertThat(dashboards).extracting(DashboardFile::title).doesNotContain("").doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void dashboardUsesOnlyProvisionedDatasources(DashboardFile dashboard) {
        Set<String> provisioned = new HashSet<>();
        GrafanaFiles.provisioning("datasources/gridwatch.yaml").path("datasources")
                .forEach(d -> provisioned.add(d.path("uid").asText()));
        assertThat(dashboard.datasourceUids()).isNotEmpty().isSubsetOf(provisioned);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void dashboardHasChainedUnitVariablesAndAKind(DashboardFile dashboard) {
        List<TemplateVariable> variables = dashboard.variables();
        assertThat(variables).extracting(TemplateVariable::name)
                .containsSubsequence("subdistrict", "community", "sector", "cell").contains("kind");
        List<String> units = List.of("subdistrict", "community", "sector", "cell");
        for (TemplateVariable variable : variables) {
            int level = units.indexOf(variable.name());
            if (level >= 0 || variable.name().equals("kind")) {
                assertThat(variable.multi() && variable.includeAll()).as("$%s is multi-value with All",
                        variable.name()).isTrue();
            }
            if (level > 0) {
                assertThat(variable.query()).as("$%s depends on $%s", variable.name(), units.get(level - 1))
                        .contains("$" + units.get(level - 1)).contains("grid_units");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void sqlRunsOnPlainPostgresqlToo(DashboardFile dashboard) {
        Stream.concat(dashboard.panelQueries().stream(), dashboard.variableQueries().stream()).forEach(query ->
                assertThat(TIMESCALE_ONLY.matcher(query.rawSql()).find()).as("TimescaleDB-only function in %s", query)
                        .isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void prometheusQueriesAreWellFormedAndNameExportedSeries(DashboardFile dashboard) {
        Set<String> exported = exportedMetrics();
        for (PanelQuery query : dashboard.promQueries()) {
            assertThat(query.rawSql()).as("%s", query).isNotBlank();
            assertThat(balanced(query.rawSql())).as("brackets of %s", query).isTrue();
            Matcher m = METRIC.matcher(query.rawSql());
            assertThat(m.find()).as("a gridwatch series in %s", query).isTrue();
            do {
                String family = m.group().replaceAll("_(bucket|sum|count)$", "");
                assertThat(exported).as("series of %s", query).contains(family);
            } while (m.find());
        }
    }

    private static JsonNode datasource(JsonNode provisioning, String uid) {
        for (JsonNode datasource : provisioning.path("datasources")) {
            if (datasource.path("uid").asText().equals(uid)) {
                return datasource;
            }
        }
        throw new AssertionError("no data source with uid " + uid);
    }

    /** The metric names registered anywhere in the server's sources ({@code "gridwatch_…"} literals). */
    private static Set<String> exportedMetrics() {
        Path sources = GrafanaFiles.root().resolveSibling("server/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return METRIC_IN_SOURCE.matcher(Files.readString(f)).results().map(r -> r.group(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean balanced(String expr) {
        StringBuilder open = new StringBuilder();
        for (char c : expr.toCharArray()) {
            int kind = "([{".indexOf(c);
            if (kind >= 0) {
                open.append(c);
            } else if (")]}".indexOf(c) >= 0) {
                if (open.isEmpty() || "([{".indexOf(open.charAt(open.length() - 1)) != ")]}".indexOf(c)) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty();
    }
}
