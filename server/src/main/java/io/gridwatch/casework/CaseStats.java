package io.gridwatch.casework;

import io.gridwatch.geo.model.Level;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The case figures of a unit for {@code GET /api/stats} (ARCHITECTURE 3.8): {@code dispatched}, {@code handled},
 * {@code handled_on_time{count,share}} (share of the handled), {@code departments:[{id,name,dispatched,handled,
 * on_time_share,median_handle_s,returned}]}, {@code satisfaction{rated,satisfied,basic,unsatisfied,share}} (share =
 * (satisfied + basic) / rated; null when nothing was rated). Three statements side by side; never blocks.
 * Thread-safe: it holds only the pool.
 */
public final class CaseStats {

    private final Pool pool;

    public CaseStats(Pool pool) {
        this.pool = pool;
    }

    /** The figures as the fields they add to the stats JSON. */
    public Future<JsonObject> figures(Level level, String unitId, Instant from, Instant to) {
        Tuple params = Tuple.of(unitId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        Future<Row> totals = pool.preparedQuery(CaseStatsSql.TOTALS_BY_LEVEL.get(level)).execute(params)
                .map(rows -> rows.iterator().next());
        Future<JsonArray> departments = pool.preparedQuery(CaseStatsSql.DEPARTMENTS_BY_LEVEL.get(level))
                .execute(params).map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(row -> out.add(new JsonObject()
                            .put("id", row.getString("id"))
                            .put("name", row.getString("name"))
                            .put("dispatched", row.getLong("dispatched"))
                            .put("handled", row.getLong("handled"))
                            .put("on_time_share", share(row.getLong("on_time"), row.getLong("handled")))
                            .put("median_handle_s", row.getDouble("median_handle_s"))
                            .put("returned", row.getLong("returned"))));
                    return out;
                });
        Future<Row> ratings = pool.preparedQuery(CaseStatsSql.SATISFACTION_BY_LEVEL.get(level)).execute(params)
                .map(rows -> rows.iterator().next());
        return Future.all(totals, departments, ratings).map(all -> {
            Row t = totals.result();
            Row r = ratings.result();
            long handled = t.getLong("handled");
            long rated = r.getLong("rated");
            return new JsonObject()
                    .put("dispatched", t.getLong("dispatched"))
                    .put("handled", handled)
                    .put("handled_on_time", new JsonObject().put("count", t.getLong("handled_on_time"))
                            .put("share", share(t.getLong("handled_on_time"), handled)))
                    .put("departments", departments.result())
                    .put("satisfaction", new JsonObject().put("rated", rated)
                            .put("satisfied", r.getLong("satisfied"))
                            .put("basic", r.getLong("basic"))
                            .put("unsatisfied", r.getLong("unsatisfied"))
                            .put("share", share(r.getLong("satisfied") + r.getLong("basic"), rated)));
        });
    }

    private static Double share(long count, long of) {
        return of == 0 ? null : (double) count / of;
    }
}
