package io.gridwatch.grafana;

import java.time.Duration;

/**
 * One SQL query of a dashboard: a panel target's {@code rawSql} or a query variable's SQL.
 *
 * @param where the dashboard file and the panel title (or variable name), for test names
 * @param minInterval the panel's minimum interval ({@code "interval"}), null when it has none
 */
record PanelQuery(String dashboard, String where, String refId, String rawSql, Duration minInterval) {

    @Override
    public String toString() {
        return dashboard + " › " + where + (refId.isEmpty() ? "" : " [" + refId + "]");
    }
}
