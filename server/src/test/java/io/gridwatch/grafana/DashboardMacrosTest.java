package io.gridwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.grafana.GrafanaSql.TimeRange;
import io.gridwatch.grafana.GrafanaSql.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expansion the query tests rely on, against the outputs Grafana documents for its PostgreSQL data source
 * (macros.go and its tests, the SQL data sources' variable interpolation).
 */
class DashboardMacrosTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2018-04-12T18:00:00Z"),
            Instant.parse("2018-04-12T18:05:00.250Z"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "$__timeFilter(time_column)|time_column BETWEEN '2018-04-12T18:00:00Z' AND '2018-04-12T18:05:00.25Z'",
        "$__timeFrom()|'2018-04-12T18:00:00Z'",
        "$__timeTo()|'2018-04-12T18:05:00.25Z'",
        "$__time(t)|t AS \"time\"",
        "$__timeEpoch(t)|extract(epoch from t) as \"time\"",
        "GROUP BY $__timeGroup(time_column,'5m')|GROUP BY floor(extract(epoch from time_column)/300)*300",
        "$__timeGroupAlias(time_column, '1h')|floor(extract(epoch from time_column)/3600)*3600 AS \"time\"",
        "SELECT $__timeGroup(time_column,'5m'), value|SELECT floor(extract(epoch from time_column)/300)*300 AS \"time\", value",
        "$__timeGroup(t, $__interval)|floor(extract(epoch from t)/60)*60",
        "$__timeGroup(t, '500ms', 0)|floor(extract(epoch from t)/0.5)*0.5",
        "$__unixEpochFilter(epoch)|epoch >= 1523556000 AND epoch <= 1523556300",
        "$__unixEpochGroupAlias(epoch, '10m')|floor((epoch)/600)*600 AS \"time\"",
        "$__interval_ms / $__interval|60000 / 1m",
        "$__unixEpochFrom() - $__unixEpochTo()|1523556000 - 1523556300",
    })
    void macrosExpandAsGrafanasPostgresDatasourceDoes(String raw, String expected) {
        assertThat(GrafanaSql.expand(raw, RANGE, Duration.ofMinutes(1), Map.of())).isEqualTo(expected);
    }

    @Test
    void anUnknownMacroFailsAsInGrafana() {
        assertThatThrownBy(() -> GrafanaSql.expand("$__timeBucket(t)", RANGE, Duration.ofMinutes(1), Map.of()))
                .hasMessageContaining("unknown macro");
    }

    @Test
    void intervalsArePrintedInTheirLargestWholeUnit() {
        assertThat(GrafanaSql.formatInterval(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(GrafanaSql.formatInterval(Duration.ofMinutes(90))).isEqualTo("1h");
        assertThat(GrafanaSql.formatInterval(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(GrafanaSql.formatInterval(Duration.ofMillis(500))).isEqualTo("500ms");
    }

    @Test
    void multiValueAndAllValuesAreQuotedAndJoined() {
        TemplateVariable cell = variable("cell", true, null);
        assertThat(interpolate("cell_id IN ($cell)", new Value(cell, List.of("c1", "c'2"), false)))
                .isEqualTo("cell_id IN ('c1','c''2')");
        assertThat(interpolate("cell_id IN (${cell})", new Value(cell, List.of("c1", "c2", "c3"), true)))
                .isEqualTo("cell_id IN ('c1','c2','c3')");
        assertThat(interpolate("x = $cell", new Value(cell, List.of("c1"), false))).isEqualTo("x = 'c1'");
    }

    @Test
    void aCustomAllValueIsInsertedAsItIs() {
        TemplateVariable cell = variable("cell", true, "'__all'");
        assertThat(interpolate("'__all' IN ($cell)", new Value(cell, List.of("c1", "c2"), true)))
                .isEqualTo("'__all' IN ('__all')");
    }

    @Test
    void aSingleValueVariableIsInsertedUnquotedWithQuotesDoubled() {
        TemplateVariable group = variable("group", false, null);
        assertThat(interpolate("a.${group}_id, '$group'", new Value(group, List.of("sec'tor"), false)))
                .isEqualTo("a.sec''tor_id, 'sec''tor'");
    }

    @Test
    void explicitFormatsOverrideTheDatasourceQuoting() {
        TemplateVariable kind = variable("kind", true, null);
        Value two = new Value(kind, List.of("smoke", "o'neil"), false);
        assertThat(interpolate("${kind:csv}", two)).isEqualTo("smoke,o'neil");
        assertThat(interpolate("${kind:sqlstring}", two)).isEqualTo("'smoke','o''neil'");
        assertThat(interpolate("[[kind:csv]]", two)).isEqualTo("smoke,o'neil");
    }

    @Test
    void aLongerNameIsAnotherVariableAndUnknownVariablesStay() {
        TemplateVariable group = variable("group", false, null);
        assertThat(interpolate("a.$group_id $__timeFilter(t)", new Value(group, List.of("cell"), false)))
                .isEqualTo("a.$group_id $__timeFilter(t)");
    }

    private static String interpolate(String sql, Value value) {
        return GrafanaSql.interpolateVariables(sql, Map.of(value.variable().name(), value));
    }

    private static TemplateVariable variable(String name, boolean multi, String allValue) {
        return new TemplateVariable(name, "query", "gridwatch-pg", "", multi, multi, allValue, List.of());
    }
}
