package io.gridwatch.geo.locate;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Point → cell, with the cell's whole path, over one grid.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A point in the interior of a cell is {@link Match#INSIDE} that cell.</li>
 *   <li>A point on the boundary of one or more cells (a shared edge or vertex, or the district's
 *       outer edge) is {@link Match#BOUNDARY} and belongs to the cell whose id sorts first
 *       ({@link String#compareTo}): deterministic, and independent of file order.</li>
 *   <li>A point in no cell (a sliver, a gap, just outside the district) within the tolerance of a
 *       cell is {@link Match#NEAREST} the closest cell (ties: the id that sorts first), with the
 *       distance in metres.</li>
 *   <li>Anything farther is {@link Match#OUTSIDE}: no cell, and the distance to the grid.</li>
 * </ol>
 * Distances are planar in a local equirectangular projection (see {@link LocalProjection}).
 * With the raster on, most points are answered from a tile raster built once; its answers are
 * identical to the exact lookup's ({@link #locateExact}).
 *
 * <p>Built once, then only queried: thread-safe.
 */
public final class GridLocator {

    private final Grid grid;
    private final List<GridUnit> cells;
    private final ExactLocator exact;
    private final TileRaster raster;
    private final Location[] insideResults;

    private GridLocator(Grid grid, LocatorOptions options) {
        this.grid = grid;
        this.cells = grid.units(Level.CELL);
        Envelope extent = grid.district().geometry().getEnvelopeInternal();
        cells.forEach(c -> extent.expandToInclude(c.geometry().getEnvelopeInternal()));
        LocalProjection projection = LocalProjection.centredOn(extent);
        this.exact = new ExactLocator(cells, projection, options.toleranceM());
        this.insideResults = new Location[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            insideResults[i] = result(i, Match.INSIDE, 0);
        }
        this.raster = options.raster() && !cells.isEmpty()
                ? TileRaster.build(cells, exact,
                        options.tileSizeM() / projection.metresPerDegreeLon(),
                        options.tileSizeM() / projection.metresPerDegreeLat())
                : null;
    }

    /** A locator with the default options (30 m tolerance, raster on). */
    public static GridLocator of(Grid grid) {
        return new GridLocator(grid, LocatorOptions.DEFAULTS);
    }

    public static GridLocator of(Grid grid, LocatorOptions options) {
        return new GridLocator(grid, options);
    }

    public Grid grid() {
        return grid;
    }

    /** Locates a point given in the grid's own coordinate system. */
    public Location locate(double lon, double lat) {
        if (raster != null) {
            int cell = raster.cellAt(lon, lat);
            if (cell >= 0) {
                return insideResults[cell];
            }
        }
        return locateExact(lon, lat);
    }

    /** Locates a point given in {@code crs}, converting it to the grid's system first. */
    public Location locate(double lon, double lat, Crs crs) {
        if (crs == grid.crs()) {
            return locate(lon, lat);
        }
        Coordinate c = crs.convert(lon, lat, grid.crs());
        return locate(c.x, c.y);
    }

    /** The exact lookup, without the raster (the reference the raster must agree with). */
    public Location locateExact(double lon, double lat) {
        ExactLocator.Hit hit = exact.locate(lon, lat);
        if (hit.index() < 0) {
            return new Location(null, null, Match.OUTSIDE, hit.distanceM());
        }
        return hit.match() == Match.INSIDE ? insideResults[hit.index()] : result(hit.index(), hit.match(), hit.distanceM());
    }

    /** Share of the raster's tiles that answer without the exact lookup; 0 without a raster. */
    public double rasterDecidedShare() {
        return raster == null ? 0 : raster.decidedShare();
    }

    private Location result(int index, Match match, double distanceM) {
        String id = cells.get(index).id();
        return new Location(id, grid.path(id).orElseThrow(), match, distanceM);
    }
}
