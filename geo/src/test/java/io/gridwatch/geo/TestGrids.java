package io.gridwatch.geo;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Small grids for tests, from WKT cells. */
public final class TestGrids {

    /** The real district boundaries shipped in geo's resources, from surefire's working directory (geo/). */
    public static final Path DATA = Path.of("src", "main", "resources", "io", "gridwatch", "geo", "boundaries");

    private TestGrids() {
    }

    public static Geometry wkt(String text) {
        try {
            return new WKTReader().read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /**
     * A grid whose cells are the given WKT polygons (id → WKT, in that order), all in one sector of
     * one community of one subdistrict; each parent is the union of the cells.
     */
    public static Grid ofCells(Map<String, String> cellWkt) {
        Map<String, Geometry> cells = new LinkedHashMap<>();
        cellWkt.forEach((id, text) -> cells.put(id, wkt(text)));
        Geometry all = UnaryUnionOp.union(cells.values());
        List<GridUnit> units = new ArrayList<>();
        units.add(new GridUnit("D", Level.DISTRICT, null, "district", all));
        units.add(new GridUnit("S", Level.SUBDISTRICT, "D", "subdistrict", all));
        units.add(new GridUnit("C", Level.COMMUNITY, "S", "community", all));
        units.add(new GridUnit("T", Level.SECTOR, "C", "sector", all));
        cells.forEach((id, g) -> units.add(new GridUnit(id, Level.CELL, "T", id, g)));
        return Grid.of(Crs.WGS84, units);
    }
}
