package io.gridwatch.geo.io;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The grid that ships with gridwatch: Guangming District at its real counts (6 subdistricts,
 * 37 communities, 272 sectors, 1,734 cells), generated inside the real district boundary with
 * {@code gridwatch grid generate --boundary guangming-district.wgs84.geojson --seed 1}, WGS84.
 * Boundary: DataV GeoAtlas (adcode 440311); subdistrict codes: National Bureau of Statistics.
 */
public final class BundledGrid {

    /** Classpath location of the bundled grid. */
    public static final String RESOURCE = "/io/gridwatch/geo/grids/guangming.wgs84.geojson";
    /** The seed it was generated with. */
    public static final long SEED = 1;

    private BundledGrid() {
    }

    /** Reads the bundled Guangming grid (a fresh copy each call). */
    public static Grid guangming() {
        try (InputStream in = BundledGrid.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new GridException("the bundled grid " + RESOURCE + " is missing from the classpath");
            }
            return GridGeoJson.read(in).toGrid();
        } catch (IOException e) {
            throw new GridException("cannot read the bundled grid: " + e.getMessage(), e);
        }
    }
}
