package io.gridwatch.grafana;

import static io.gridwatch.grafana.DistrictData.END;
import static io.gridwatch.grafana.DistrictData.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.grafana.GrafanaSql.TimeRange;
import io.gridwatch.grafana.GrafanaSql.Value;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL query of every dashboard under {@code grafana/dashboards}, expanded as Grafana expands it and run on the
 * real schema (embedded PostgreSQL, native storage path) filled with four hours of a small district: each must run
 * and return rows with figures, for the whole district, over a long range (hourly rollups), for one sector and for
 * one cell chosen down the chain of unit variables.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.MINUTES)
class DashboardQueriesTest {

    private static final TimeRange FOUR_HOURS = new TimeRange(START, END);
    private static final GridPath ONE_CELL = DistrictData.cells().get(6);
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("all units, 4 h", FOUR_HOURS, Map.of()),
            new Scenario("all units, 3 days (hourly rollups)", new TimeRange(END.minus(Duration.ofDays(3)), END),
                    Map.of()),
            new Scenario("sector " + ONE_CELL.sector() + ", 4 h", FOUR_HOURS, Map.of("sector", ONE_CELL.sector())),
            new Scenario("cell " + ONE_CELL.cell() + " and its parents, 4 h", FOUR_HOURS,
                    Map.of("subdistrict", ONE_CELL.subdistrict(), "community", ONE_CELL.community(),
                            "sector", ONE_CELL.sector(), "cell", ONE_CELL.cell())));

    static DashboardFixture db;
    private static final Map<String, Map<String, Value>> RESOLVED = new ConcurrentHashMap<>();

    @BeforeAll
    static void fillDatabase(Vertx vertx) {
        db = DashboardFixture.start(vertx);
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    static Stream<Arguments> panelQueries() {
        return cases(DashboardFile::panelQueries);
    }

    static Stream<Arguments> variableQueries() {
        return cases(DashboardFile::variableQueries);
    }

    private static Stream<Arguments> cases(Function<DashboardFile, List<PanelQuery>> queries) {
        return GrafanaFiles.dashboards().stream().flatMap(dashboard -> queries.apply(dashboard).stream()
                .flatMap(query -> SCENARIOS.stream().map(scenario -> Arguments.of(dashboard, query, scenario))));
    }

    @ParameterizedTest(name = "{1} — {2}")
    @MethodSource("panelQueries")
    void panelQueryReturnsFiguresForTheFilledRange(DashboardFile dashboard, PanelQuery query, Scenario scenario) {
        // given the variables as Grafana resolves them in this scenario
        Map<String, Value> variables = variables(dashboard, scenario);
        // when the panel's SQL runs as Grafana sends it
        String sql = GrafanaSql.expand(query.rawSql(), scenario.range(), scenario.interval(query.minInterval()),
                variables);
        List<Row> rows = db.rows(query + " — " + scenario, sql);
        // then it returns rows, and they hold figures (a non-zero number)
        assertThat(rows).as("rows of %s\n%s", query, sql).isNotEmpty();
        assertThat(figures(rows)).as("non-zero figures of %s\n%s", query, sql).isNotEmpty();
    }

    @ParameterizedTest(name = "{1} — {2}")
    @MethodSource("variableQueries")
    void variableQueryOffersOptions(DashboardFile dashboard, PanelQuery query, Scenario scenario) {
        // given the variables before it, resolved in this scenario
        Map<String, Value> variables = variables(dashboard, scenario);
        // when the variable's SQL runs
        String sql = GrafanaSql.expand(query.rawSql(), scenario.range(), scenario.interval(null), variables);
        // then it offers options
        assertThat(Scenario.values(db.rows(query, sql))).as("options of %s\n%s", query, sql).isNotEmpty();
    }

    @Test
    void unitOptionsFollowTheUnitChosenAbove() {
        // given every dashboard with the second subdistrict chosen and the units below it on All
        String subdistrict = DistrictData.SUBDISTRICTS.get(1);
        Scenario chosen = new Scenario("subdistrict " + subdistrict, FOUR_HOURS, Map.of("subdistrict", subdistrict));
        for (DashboardFile dashboard : GrafanaFiles.dashboards()) {
            // when the variables are resolved
            Map<String, Value> values = chosen.resolve(dashboard, db::rows);
            // then the options below are exactly that subdistrict's units
            List<GridPath> cells = DistrictData.cells().stream()
                    .filter(c -> c.subdistrict().equals(subdistrict)).toList();
            assertThat(values.get("community").values()).as(dashboard.file())
                    .containsExactlyInAnyOrderElementsOf(cells.stream().map(GridPath::community).distinct().toList());
            assertThat(values.get("sector").values()).as(dashboard.file())
                    .containsExactlyInAnyOrderElementsOf(cells.stream().map(GridPath::sector).distinct().toList());
            assertThat(values.get("cell").values()).as(dashboard.file())
                    .containsExactlyInAnyOrderElementsOf(cells.stream().map(GridPath::cell).toList());
        }
    }

    private static Map<String, Value> variables(DashboardFile dashboard, Scenario scenario) {
        return RESOLVED.computeIfAbsent(dashboard.file() + "|" + scenario.name(),
                key -> scenario.resolve(dashboard, db::rows));
    }

    /** The non-zero numbers of a result, leaving out the time column. */
    private static List<Number> figures(List<Row> rows) {
        List<Number> figures = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (!row.getColumnName(i).equals("time") && row.getValue(i) instanceof Number n
                        && n.doubleValue() != 0) {
                    figures.add(n);
                }
            }
        }
        return figures;
    }
}
