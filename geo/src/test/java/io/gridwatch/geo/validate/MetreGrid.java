package io.gridwatch.geo.validate;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Test grids drawn in metres (WKT) and stored in lon/lat degrees around Guangming (113.9 E,
 * 22.75 N), so that the areas a test expects can be read off the WKT.
 *
 * <p>The clean grid is a 2 km square district: two subdistricts (west and east halves), one
 * community and one sector in each, and two cells per sector (south and north halves):
 *
 * <pre>
 *   y 2000 +------------+------------+
 *          | W-01-02    | E-01-02    |
 *     1000 +------------+------------+
 *          | W-01-01    | E-01-01    |
 *        0 +------------+------------+
 *          0          1000         2000 x
 * </pre>
 */
final class MetreGrid {

    static final LocalProjection PROJECTION = new LocalProjection(113.9, 22.75);

    static final String DISTRICT = "440311";
    static final String WEST = "440311001";
    static final String EAST = "440311002";
    static final String WEST_COMMUNITY = "440311001001";
    static final String EAST_COMMUNITY = "440311002001";
    static final String WEST_SECTOR = "440311001001-01";
    static final String EAST_SECTOR = "440311002001-01";
    static final String WEST_SOUTH = "440311001001-01-01";
    static final String WEST_NORTH = "440311001001-01-02";
    static final String EAST_SOUTH = "440311002001-01-01";
    static final String EAST_NORTH = "440311002001-01-02";

    private final List<GridUnit> units = new ArrayList<>();

    private MetreGrid() {
    }

    /** The clean five-level grid drawn above. */
    static MetreGrid clean() {
        return new MetreGrid()
                .add(DISTRICT, Level.DISTRICT, null, rect(0, 0, 2000, 2000))
                .add(WEST, Level.SUBDISTRICT, DISTRICT, rect(0, 0, 1000, 2000))
                .add(EAST, Level.SUBDISTRICT, DISTRICT, rect(1000, 0, 2000, 2000))
                .add(WEST_COMMUNITY, Level.COMMUNITY, WEST, rect(0, 0, 1000, 2000))
                .add(EAST_COMMUNITY, Level.COMMUNITY, EAST, rect(1000, 0, 2000, 2000))
                .add(WEST_SECTOR, Level.SECTOR, WEST_COMMUNITY, rect(0, 0, 1000, 2000))
                .add(EAST_SECTOR, Level.SECTOR, EAST_COMMUNITY, rect(1000, 0, 2000, 2000))
                .add(WEST_SOUTH, Level.CELL, WEST_SECTOR, rect(0, 0, 1000, 1000))
                .add(WEST_NORTH, Level.CELL, WEST_SECTOR, rect(0, 1000, 1000, 2000))
                .add(EAST_SOUTH, Level.CELL, EAST_SECTOR, rect(1000, 0, 2000, 1000))
                .add(EAST_NORTH, Level.CELL, EAST_SECTOR, rect(1000, 1000, 2000, 2000));
    }

    /** {@code POLYGON ((x0 y0, x1 y0, x1 y1, x0 y1, x0 y0))}, in metres. */
    static String rect(double x0, double y0, double x1, double y1) {
        return String.format(Locale.ROOT, "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
                x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    }

    /** The lon/lat of a point given in metres. */
    static Coordinate degrees(double x, double y) {
        return PROJECTION.toDegrees(x, y);
    }

    /** Appends a unit whose geometry is {@code metresWkt}, converted to degrees. */
    MetreGrid add(String id, Level level, String parent, String metresWkt) {
        units.add(new GridUnit(id, level, parent, id, degrees(metresWkt)));
        return this;
    }

    /** Replaces the geometry of every unit with this id. */
    MetreGrid reshape(String id, String metresWkt) {
        units.replaceAll(u -> u.id().equals(id) ? new GridUnit(u.id(), u.level(), u.parentId(), u.name(),
                degrees(metresWkt)) : u);
        return this;
    }

    /** Gives every unit with this id another parent id. */
    MetreGrid reparent(String id, String parent) {
        units.replaceAll(u -> u.id().equals(id) ? new GridUnit(u.id(), u.level(), parent, u.name(), u.geometry()) : u);
        return this;
    }

    MetreGrid remove(String id) {
        units.removeIf(u -> u.id().equals(id));
        return this;
    }

    GridFile file() {
        return new GridFile(Crs.WGS84, units);
    }

    private static Geometry degrees(String metresWkt) {
        try {
            return PROJECTION.toDegrees(new WKTReader().read(metresWkt));
        } catch (ParseException e) {
            throw new IllegalArgumentException(metresWkt, e);
        }
    }
}
