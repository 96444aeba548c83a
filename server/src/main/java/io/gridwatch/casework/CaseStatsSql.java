package io.gridwatch.casework;

import io.gridwatch.geo.model.Level;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SQL of the case figures ({@code GET /api/stats}, ARCHITECTURE 3.8), in one place; the departments' Grafana
 * panels use the same definitions. Cases of the alerts opened in the period in the unit's scope, like the alert
 * figures: $1 the unit's id, $2 from (inclusive), $3 to (exclusive); one variant per level of the unit.
 */
final class CaseStatsSql {

    private CaseStatsSql() {
    }

    /** Alerts dispatched, handled (by their live dispatch) and handled by the due time. */
    private static final String TOTALS = """
            SELECT count(DISTINCT d.alert_id) AS dispatched,
                count(DISTINCT d.alert_id) FILTER (WHERE d.handled_at IS NOT NULL) AS handled,
                count(DISTINCT d.alert_id) FILTER (WHERE d.handled_at <= d.due_at) AS handled_on_time
            FROM case_dispatches d JOIN alerts a ON a.id = d.alert_id
            WHERE a.%s = $1 AND a.opened_at >= $2 AND a.opened_at < $3""";

    /** Per department: dispatches, handled, on time, the median time from dispatch to handling, returned. */
    private static final String DEPARTMENTS = """
            SELECT d.department_id AS id, dep.name, count(*) AS dispatched,
                count(*) FILTER (WHERE d.handled_at IS NOT NULL) AS handled,
                count(*) FILTER (WHERE d.handled_at <= d.due_at) AS on_time,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.handled_at - d.dispatched_at)
                    ::double precision) FILTER (WHERE d.handled_at IS NOT NULL) AS median_handle_s,
                count(*) FILTER (WHERE d.returned_at IS NOT NULL) AS returned
            FROM case_dispatches d JOIN departments dep ON dep.id = d.department_id JOIN alerts a ON a.id = d.alert_id
            WHERE a.%s = $1 AND a.opened_at >= $2 AND a.opened_at < $3
            GROUP BY d.department_id, dep.name
            ORDER BY d.department_id""";

    /** Residents' ratings of those cases. */
    private static final String SATISFACTION = """
            SELECT count(*) AS rated,
                count(*) FILTER (WHERE r.score = 'satisfied') AS satisfied,
                count(*) FILTER (WHERE r.score = 'basic') AS basic,
                count(*) FILTER (WHERE r.score = 'unsatisfied') AS unsatisfied
            FROM case_ratings r JOIN alerts a ON a.id = r.alert_id
            WHERE a.%s = $1 AND a.opened_at >= $2 AND a.opened_at < $3""";

    static final Map<Level, String> TOTALS_BY_LEVEL = byLevel(TOTALS);
    static final Map<Level, String> DEPARTMENTS_BY_LEVEL = byLevel(DEPARTMENTS);
    static final Map<Level, String> SATISFACTION_BY_LEVEL = byLevel(SATISFACTION);

    private static Map<Level, String> byLevel(String template) {
        Map<Level, String> statements = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            statements.put(level, template.formatted(level.id() + "_id"));
        }
        return statements;
    }
}
