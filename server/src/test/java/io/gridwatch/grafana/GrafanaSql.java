package io.gridwatch.grafana;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a panel's {@code rawSql} into the SQL that Grafana's PostgreSQL data source sends, in Grafana's order: the
 * front end interpolates template variables (the SQL data sources' {@code interpolateVariable}: values of multi-value
 * and "include All" variables quoted and comma-joined; explicit formats {@code ${var:csv}}, {@code ${var:sqlstring}},
 * {@code ${var:raw}}; a custom All value inserted as it is), then the back end replaces {@code $__interval_ms},
 * {@code $__interval}, {@code $__unixEpochFrom()}, {@code $__unixEpochTo()} (sqleng's {@code Interpolate}) and the
 * macros of {@code pkg/tsdb/grafana-postgresql-datasource/macros.go} with {@code timescaledb: false}. An unknown
 * macro fails, as it does in Grafana; an unknown variable is left as it is (PostgreSQL then fails on it). Stateless.
 */
final class GrafanaSql {

    /** Grafana's {@code variableRegex}: {@code $var}, {@code [[var]]} / {@code [[var:fmt]]}, {@code ${var}} / {@code ${var:fmt}}. */
    private static final Pattern VARIABLE =
            Pattern.compile("\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");
    /** macros.go's {@code sExpr}. */
    private static final Pattern MACRO = Pattern.compile("\\$([_a-zA-Z0-9]+)\\(([^)]*)\\)");

    private GrafanaSql() {
    }

    /** A dashboard's time range. */
    record TimeRange(Instant from, Instant to) {

        Duration length() {
            return Duration.between(from, to);
        }
    }

    /**
     * The value a template variable has when a query runs.
     *
     * @param values the chosen values; for All without a custom All value, every option's value
     * @param all whether All is chosen
     */
    record Value(TemplateVariable variable, List<String> values, boolean all) {

        Value {
            Objects.requireNonNull(variable, "variable");
            values = List.copyOf(values);
        }
    }

    /** The SQL Grafana would send for this query. */
    static String expand(String rawSql, TimeRange range, Duration interval, Map<String, Value> variables) {
        String sql = interpolateVariables(rawSql, variables);
        sql = sql.replace("$__interval_ms", Long.toString(interval.toMillis()))
                .replace("$__interval", formatInterval(interval))
                .replace("$__unixEpochFrom()", Long.toString(range.from().getEpochSecond()))
                .replace("$__unixEpochTo()", Long.toString(range.to().getEpochSecond()));
        return expandMacros(sql, range);
    }

    static String interpolateVariables(String sql, Map<String, Value> variables) {
        return replaceAll(VARIABLE, sql, m -> {
            String name = first(m.group(1), m.group(2), m.group(4));
            String format = first(m.group(3), m.group(6));
            Value value = variables.get(name);
            return value == null ? m.group() : format(value, format);
        });
    }

    private static String format(Value value, String format) {
        TemplateVariable variable = value.variable();
        if (value.all() && variable.allValue() != null && !"text".equals(format)) {
            return variable.allValue();
        }
        List<String> values = value.values();
        if (format == null) {
            boolean quoted = variable.multi() || variable.includeAll() || values.size() != 1;
            return quoted ? values.stream().map(GrafanaSql::quoteLiteral).collect(Collectors.joining(","))
                    : values.get(0).replace("'", "''");
        }
        return switch (format) {
            case "csv", "raw" -> String.join(",", values);
            case "sqlstring" -> values.stream().map(GrafanaSql::quoteLiteral).collect(Collectors.joining(","));
            default -> throw new IllegalArgumentException("variable format not supported here [format: " + format
                    + ", variable: " + variable.name() + "]");
        };
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String expandMacros(String sql, TimeRange range) {
        return replaceAll(MACRO, sql, m -> {
            String name = m.group(1);
            // like macros.go: "$__timeGroup(...)," is the pre-5.3 form that also names the column
            if (name.equals("__timeGroup") && m.end() < sql.length() && sql.charAt(m.end()) == ',') {
                name = "__timeGroupAlias";
            }
            List<String> args = List.of(m.group(2).split(",", -1)).stream().map(String::strip).toList();
            return macro(name, args, range);
        });
    }

    private static String macro(String name, List<String> args, TimeRange range) {
        String from = time(range.from());
        String to = time(range.to());
        return switch (name) {
            case "__time" -> column(name, args) + " AS \"time\"";
            case "__timeEpoch" -> "extract(epoch from " + column(name, args) + ") as \"time\"";
            case "__timeFilter" -> column(name, args) + " BETWEEN '" + from + "' AND '" + to + "'";
            case "__timeFrom" -> "'" + from + "'";
            case "__timeTo" -> "'" + to + "'";
            case "__timeGroup" -> {
                String seconds = seconds(name, args);
                yield "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
            }
            case "__timeGroupAlias" -> macro("__timeGroup", args, range) + " AS \"time\"";
            case "__unixEpochFilter" -> column(name, args) + " >= " + range.from().getEpochSecond() + " AND "
                    + args.get(0) + " <= " + range.to().getEpochSecond();
            case "__unixEpochGroup" -> {
                String seconds = seconds(name, args);
                yield "floor((" + args.get(0) + ")/" + seconds + ")*" + seconds;
            }
            case "__unixEpochGroupAlias" -> macro("__unixEpochGroup", args, range) + " AS \"time\"";
            default -> throw new IllegalArgumentException("unknown macro \"" + name + "\"");
        };
    }

    private static String column(String macro, List<String> args) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("missing time column argument for macro " + macro);
        }
        return args.get(0);
    }

    /** The interval argument in seconds, printed as Go's {@code %v} prints a float64 (3600, 0.5). */
    private static String seconds(String macro, List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("macro " + macro + " needs time column and interval");
        }
        Duration interval = parseInterval(args.get(1).replace("'", ""));
        return BigDecimal.valueOf(interval.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** Go's {@code time.RFC3339Nano} in UTC: no trailing zeros in the fraction. */
    static String time(Instant instant) {
        String text = instant.toString();
        return text.contains(".") ? text.replaceAll("\\.?0*Z$", "Z") : text;
    }

    /** Grafana's {@code gtime.ParseInterval} for the units panels use: ms, s, m, h, d, w. */
    static Duration parseInterval(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("error parsing interval " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** Grafana's {@code gtime.FormatInterval}: the largest whole unit (1d, 3h, 5m, 15s, 500ms). */
    static String formatInterval(Duration interval) {
        long ms = interval.toMillis();
        long[] sizes = {365L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] units = {"y", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                return ms / sizes[i] + units[i];
            }
        }
        return "1ms";
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static String replaceAll(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        return m.appendTail(out).toString();
    }
}
