package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The governance figures of a unit ({@code GET /api/stats}) from the alerts table and the audit trail, in two
 * statements run side by side (vertx-pg-client; never blocks). Thread-safe: it holds only the pool.
 */
public final class AlertStats {

    private final Pool pool;

    public AlertStats(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The figures of the unit {@code unitId} at {@code level} and everything below it, over [from, to). */
    public Future<AlertFigures> figures(Level level, String unitId, Instant from, Instant to) {
        Tuple params = Tuple.of(unitId, AlertRows.time(from), AlertRows.time(to));
        Future<Row> figures = pool.preparedQuery(AlertStatsSql.figures(level)).execute(params)
                .map(rows -> rows.iterator().next());
        Future<Map<Level, Long>> escalations = pool.preparedQuery(AlertStatsSql.escalations(level)).execute(params)
                .map(rows -> {
                    Map<Level, Long> byLevel = new EnumMap<>(Level.class);
                    for (Level above : Level.values()) {
                        if (above != Level.CELL) {
                            byLevel.put(above, 0L);
                        }
                    }
                    rows.forEach(row -> Level.fromId(row.getString("level"))
                            .ifPresent(went -> byLevel.put(went, row.getLong("n"))));
                    return byLevel;
                });
        return Future.all(figures, escalations).map(both -> {
            Row row = figures.result();
            return new AlertFigures(row.getLong("opened"), row.getLong("acknowledged"), row.getLong("resolved"),
                    row.getLong("settled_at_cell"), row.getLong("settled_in_sector"), row.getDouble("ack_median_s"),
                    row.getDouble("ack_p90_s"), escalations.result());
        });
    }
}
