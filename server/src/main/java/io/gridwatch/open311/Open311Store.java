package io.gridwatch.open311;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.report.Category;
import io.gridwatch.report.ReportOrigin;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reports as service requests (vertx-pg-client; never blocks). A resident's own description and exact
 * position are not published: only requests that came over Open311 carry their description, and the others' position
 * is rounded to about 100 m. Thread-safe.
 */
public final class Open311Store {

    /** Three decimals of a degree: about 100 m. */
    private static final double ROUNDING = 1000;

    private final Pool pool;
    private final Grid grid;

    public Open311Store(Pool pool, Grid grid) {
        this.pool = pool;
        this.grid = grid;
    }

    public Future<List<ServiceRequest>> find(RequestQuery query) {
        Tuple params = Tuple.tuple()
                .addArrayOfLong(query.ids() == null ? null : query.ids().toArray(Long[]::new))
                .addArrayOfString(query.codes() == null ? null : query.codes().toArray(String[]::new))
                .addOffsetDateTime(query.start() == null ? null : query.start().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(query.end() == null ? null : query.end().atOffset(ZoneOffset.UTC))
                .addArrayOfString(query.statuses() == null ? null : query.statuses().toArray(String[]::new))
                .addInteger(RequestQuery.LIMIT);
        return pool.preparedQuery(Open311Sql.LIST).execute(params).map(rows -> {
            List<ServiceRequest> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(request(row)));
            return out;
        });
    }

    private ServiceRequest request(Row row) {
        boolean open311 = ReportOrigin.OPEN311.equals(row.getString("channel"));
        double lon = row.getDouble("lon");
        double lat = row.getDouble("lat");
        if (!open311) {
            lon = Math.round(lon * ROUNDING) / ROUNDING;
            lat = Math.round(lat * ROUNDING) / ROUNDING;
        }
        String holder = row.getString(row.getString("level") + "_id");
        return new ServiceRequest(row.getLong("id"), Category.fromId(row.getString("category")).orElseThrow(),
                "resolved".equals(row.getString("status")), open311 ? row.getString("description") : null, lon, lat,
                row.getString("media_url"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant(),
                grid.unit(holder).map(GridUnit::name).orElse(holder));
    }
}
