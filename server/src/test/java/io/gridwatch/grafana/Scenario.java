package io.gridwatch.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.grafana.GrafanaSql.TimeRange;
import io.gridwatch.grafana.GrafanaSql.Value;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a user has chosen on a dashboard: a time range and some template variables (the others keep the value saved
 * in the dashboard, for the unit variables All). {@link #resolve} then works out every variable's value the way
 * Grafana does: in order, each query variable's SQL interpolated with the values before it and run, its options
 * checked to contain the choice.
 *
 * @param choices variable name → the one value chosen
 */
record Scenario(String name, TimeRange range, Map<String, String> choices) {

    /** Grafana's default data points per panel: about one per pixel of a wide panel. */
    private static final int MAX_DATA_POINTS = 1000;
    /** The SQL data sources' default minimum interval ({@code timeInterval} unset). */
    private static final Duration DATASOURCE_MIN_INTERVAL = Duration.ofMinutes(1);
    private static final List<Duration> ROUND = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1),
            Duration.ofDays(7));

    @Override
    public String toString() {
        return name;
    }

    /**
     * {@code $__interval} for a panel: the range over the data points, rounded up to a round step, and never below
     * the panel's minimum interval or else the data source's (a simplification of Grafana's {@code roundInterval}).
     */
    Duration interval(Duration panelMinimum) {
        Duration raw = range.length().dividedBy(MAX_DATA_POINTS);
        Duration rounded = ROUND.stream().filter(d -> d.compareTo(raw) >= 0).findFirst().orElse(raw);
        Duration minimum = panelMinimum != null ? panelMinimum : DATASOURCE_MIN_INTERVAL;
        return rounded.compareTo(minimum) < 0 ? minimum : rounded;
    }

    /**
     * Every variable's value in this scenario.
     *
     * @param run the rows of an SQL text
     */
    Map<String, Value> resolve(DashboardFile dashboard, Function<String, List<Row>> run) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (TemplateVariable variable : dashboard.variables()) {
            List<String> options = variable.isSql()
                    ? values(run.apply(GrafanaSql.expand(variable.query(), range, interval(null), values)))
                    : variable.customValues();
            String choice = choices.get(variable.name());
            if (choice != null) {
                assertThat(options).as("options of $%s in %s (%s)", variable.name(), dashboard.file(), name)
                        .contains(choice);
                values.put(variable.name(), new Value(variable, List.of(choice), false));
            } else if (variable.currentIsAll()) {
                values.put(variable.name(), new Value(variable, options, true));
            } else {
                values.put(variable.name(), new Value(variable, variable.current(), false));
            }
        }
        return values;
    }

    /** A query variable's option values: the {@code __value} column when there is one, else the first. */
    static List<String> values(List<Row> rows) {
        return rows.stream().map(row -> {
            int column = row.getColumnIndex("__value");
            Object value = row.getValue(column >= 0 ? column : 0);
            return String.valueOf(value);
        }).distinct().toList();
    }
}
