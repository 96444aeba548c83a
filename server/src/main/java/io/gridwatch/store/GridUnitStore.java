package io.gridwatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid the server runs with, copied into {@code grid_units} (id, level, parent, name, GeoJSON
 * geometry in WGS84) so that SQL and Grafana can join unit names to readings and alerts. The grid
 * file stays the source of truth: {@link #replaceAll} makes the table equal to it. Thread-safe.
 */
public final class GridUnitStore {

    private static final Logger LOG = LoggerFactory.getLogger(GridUnitStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Pool pool;

    public GridUnitStore(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /**
     * Makes {@code grid_units} hold exactly this grid's units, in one transaction. The GeoJSON is
     * produced on a worker thread.
     *
     * @return the number of units
     */
    public Future<Integer> replaceAll(Grid grid) {
        // nodes of a cluster starting together store the same grid one after the other
        return vertx.executeBlocking(() -> tuple(grid)).compose(tuple -> pool.withTransaction(conn ->
                conn.query(GridSql.LOCK).execute().compose(locked -> conn.preparedQuery(GridSql.UPSERT).execute(tuple))
                        .compose(upserted -> conn.preparedQuery(GridSql.DELETE_OTHERS)
                                .execute(Tuple.of(tuple.getArrayOfStrings(0)))
                                .map(deleted -> {
                                    LOG.info("grid units stored [units: {}, changed: {}, removed: {}]",
                                            grid.units().size(), upserted.rowCount(), deleted.rowCount());
                                    return grid.units().size();
                                }))));
    }

    /** How many units are stored. */
    public Future<Long> count() {
        return pool.query(GridSql.COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static Tuple tuple(Grid grid) {
        Map<String, String> geometries = geoJsonGeometries(grid);
        int n = grid.units().size();
        String[] id = new String[n];
        String[] level = new String[n];
        String[] parent = new String[n];
        String[] name = new String[n];
        String[] geometry = new String[n];
        for (int i = 0; i < n; i++) {
            GridUnit unit = grid.units().get(i);
            id[i] = unit.id();
            level[i] = unit.level().id();
            parent[i] = unit.parentId();
            name[i] = unit.name();
            geometry[i] = geometries.get(unit.id());
        }
        return Tuple.tuple().addValue(id).addValue(level).addValue(parent).addValue(name).addValue(geometry);
    }

    /** Each unit's geometry as GeoJSON text in WGS84, written by the grid's own GeoJSON writer. */
    private static Map<String, String> geoJsonGeometries(Grid grid) {
        Grid wgs84 = grid.crs() == Crs.WGS84 ? grid : Grid.of(Crs.WGS84, toWgs84(grid));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        GridGeoJson.write(wgs84, out);
        try {
            Map<String, String> geometries = new HashMap<>();
            for (JsonNode feature : JSON.readTree(out.toByteArray()).get("features")) {
                geometries.put(feature.get("properties").get("id").asText(), feature.get("geometry").toString());
            }
            return geometries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the grid's GeoJSON", e);
        }
    }

    private static List<GridUnit> toWgs84(Grid grid) {
        List<GridUnit> units = new ArrayList<>(grid.units().size());
        for (GridUnit unit : grid.units()) {
            Geometry geometry = unit.geometry().copy();
            geometry.apply(new ToWgs84(grid.crs()));
            units.add(new GridUnit(unit.id(), unit.level(), unit.parentId(), unit.name(), geometry));
        }
        return units;
    }

    private record ToWgs84(Crs from) implements CoordinateSequenceFilter {

        @Override
        public void filter(CoordinateSequence seq, int i) {
            Coordinate c = from.convert(seq.getX(i), seq.getY(i), Crs.WGS84);
            seq.setOrdinate(i, CoordinateSequence.X, c.x);
            seq.setOrdinate(i, CoordinateSequence.Y, c.y);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
