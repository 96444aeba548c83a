package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SQL of the governance figures, in one place; the Grafana dashboards use the same definitions. Each statement
 * comes in one variant per level of the scoping unit: $1 the unit's id, $2 from (inclusive), $3 to (exclusive).
 */
final class AlertStatsSql {

    private AlertStatsSql() {
    }

    /**
     * Alerts opened in the period in the unit's scope: how many, how many were acknowledged and resolved, how many
     * were settled (resolved) while still at the cell and within the sector, and the median and 90th percentile of
     * the time to acknowledge, in seconds, over the acknowledged ones.
     */
    private static final String FIGURES = """
            SELECT count(*) AS opened,
                count(*) FILTER (WHERE acked_at IS NOT NULL) AS acknowledged,
                count(*) FILTER (WHERE status = 'resolved') AS resolved,
                count(*) FILTER (WHERE status = 'resolved' AND level = 'cell') AS settled_at_cell,
                count(*) FILTER (WHERE status = 'resolved' AND level IN ('cell', 'sector')) AS settled_in_sector,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - opened_at)::double precision)
                    FILTER (WHERE acked_at IS NOT NULL) AS ack_median_s,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - opened_at)::double precision)
                    FILTER (WHERE acked_at IS NOT NULL) AS ack_p90_s
            FROM alerts
            WHERE %s = $1 AND opened_at >= $2 AND opened_at < $3""";

    /** Escalations that happened in the period on alerts in the unit's scope, by the level they went to. */
    private static final String ESCALATIONS = """
            SELECT e.level, count(*) AS n
            FROM alert_events e JOIN alerts a ON a.id = e.alert_id
            WHERE e.type = 'escalated' AND e.at >= $2 AND e.at < $3 AND a.%s = $1
            GROUP BY e.level""";

    private static final Map<Level, String> FIGURES_BY_LEVEL = byLevel(FIGURES);
    private static final Map<Level, String> ESCALATIONS_BY_LEVEL = byLevel(ESCALATIONS);

    static String figures(Level unitLevel) {
        return FIGURES_BY_LEVEL.get(unitLevel);
    }

    static String escalations(Level unitLevel) {
        return ESCALATIONS_BY_LEVEL.get(unitLevel);
    }

    private static Map<Level, String> byLevel(String template) {
        Map<Level, String> statements = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            statements.put(level, template.formatted(AlertSql.pathColumn(level)));
        }
        return statements;
    }
}
