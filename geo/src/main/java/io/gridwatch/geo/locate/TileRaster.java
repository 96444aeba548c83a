package io.gridwatch.geo.locate;

import io.gridwatch.geo.model.GridUnit;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * A coarse raster over the grid that answers most lookups with one array read.
 *
 * <p>Each tile holds the index of the cell whose interior contains the whole closed tile, or
 * {@link #UNDECIDED} when a cell edge passes through or within {@link #EPSILON_DEG} of it (or the
 * tile lies outside every cell). Only tiles that no edge touches get a cell, so the answer for any
 * point in such a tile is the same as the exact lookup's: "inside" that cell. Undecided tiles fall
 * back to the exact lookup. Built once, read-only afterwards, thread-safe to query.
 */
final class TileRaster {

    static final int UNDECIDED = -1;
    private static final int UNSET = -2;
    /** Margin around each tile, in degrees (about 0.1 mm): far above floating-point error in tile maths. */
    private static final double EPSILON_DEG = 1e-9;
    /** Keeps the array a few megabytes whatever the grid's extent. */
    private static final long MAX_TILES = 4_000_000;

    private final double minLon;
    private final double minLat;
    private final double tileLon;
    private final double tileLat;
    private final int nx;
    private final int ny;
    private final int[] codes;

    private TileRaster(Envelope extent, double tileLon, double tileLat) {
        this.minLon = extent.getMinX();
        this.minLat = extent.getMinY();
        this.tileLon = tileLon;
        this.tileLat = tileLat;
        this.nx = Math.max(1, (int) Math.ceil(extent.getWidth() / tileLon));
        this.ny = Math.max(1, (int) Math.ceil(extent.getHeight() / tileLat));
        this.codes = new int[nx * ny];
        Arrays.fill(codes, UNSET);
    }

    /**
     * Builds the raster.
     *
     * @param tileLon tile width in degrees of longitude
     * @param tileLat tile height in degrees of latitude
     */
    static TileRaster build(List<GridUnit> cells, ExactLocator exact, double tileLon, double tileLat) {
        Envelope extent = new Envelope();
        cells.forEach(c -> extent.expandToInclude(c.geometry().getEnvelopeInternal()));
        double scale = Math.sqrt(Math.max(1.0, (extent.getWidth() / tileLon) * (extent.getHeight() / tileLat) / MAX_TILES));
        TileRaster raster = new TileRaster(extent, tileLon * scale, tileLat * scale);
        for (GridUnit cell : cells) {
            raster.markEdges(cell.geometry());
        }
        raster.fill(exact);
        return raster;
    }

    /** The cell index for this point, or {@link #UNDECIDED} when the exact lookup must answer. */
    int cellAt(double lon, double lat) {
        double fx = (lon - minLon) / tileLon;
        double fy = (lat - minLat) / tileLat;
        if (fx >= 0 && fy >= 0 && fx < nx && fy < ny) {
            return codes[(int) fy * nx + (int) fx];
        }
        return UNDECIDED;
    }

    /** Share of tiles that answer on their own (for benchmarks and docs). */
    double decidedShare() {
        return (double) Arrays.stream(codes).filter(c -> c >= 0).count() / codes.length;
    }

    int tileCount() {
        return codes.length;
    }

    private void markEdges(Geometry geometry) {
        for (int g = 0; g < geometry.getNumGeometries(); g++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(g);
            markRing(polygon.getExteriorRing());
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                markRing(polygon.getInteriorRingN(h));
            }
        }
    }

    private void markRing(LineString ring) {
        Coordinate[] pts = ring.getCoordinates();
        for (int i = 1; i < pts.length; i++) {
            markSegment(pts[i - 1], pts[i]);
        }
    }

    private void markSegment(Coordinate a, Coordinate b) {
        int x0 = clampX(Math.min(a.x, b.x) - EPSILON_DEG);
        int x1 = clampX(Math.max(a.x, b.x) + EPSILON_DEG);
        int y0 = clampY(Math.min(a.y, b.y) - EPSILON_DEG);
        int y1 = clampY(Math.max(a.y, b.y) + EPSILON_DEG);
        for (int ty = y0; ty <= y1; ty++) {
            for (int tx = x0; tx <= x1; tx++) {
                double left = minLon + tx * tileLon - EPSILON_DEG;
                double bottom = minLat + ty * tileLat - EPSILON_DEG;
                if (SegmentClip.touches(a, b, left, bottom, left + tileLon + 2 * EPSILON_DEG,
                        bottom + tileLat + 2 * EPSILON_DEG)) {
                    codes[ty * nx + tx] = UNDECIDED;
                }
            }
        }
    }

    /**
     * Gives every untouched tile its cell. Two untouched tiles side by side form a rectangle that no
     * edge crosses, so they lie in the same cell: one exact lookup per run of untouched tiles.
     */
    private void fill(ExactLocator exact) {
        for (int ty = 0; ty < ny; ty++) {
            int run = UNSET;
            for (int tx = 0; tx < nx; tx++) {
                int k = ty * nx + tx;
                if (codes[k] == UNDECIDED) {
                    run = UNSET;
                    continue;
                }
                if (run == UNSET) {
                    ExactLocator.Hit hit = exact.locate(minLon + (tx + 0.5) * tileLon, minLat + (ty + 0.5) * tileLat);
                    run = hit.match() == Match.INSIDE ? hit.index() : UNDECIDED;
                }
                codes[k] = run;
            }
        }
    }

    private int clampX(double lon) {
        return Math.max(0, Math.min(nx - 1, (int) Math.floor((lon - minLon) / tileLon)));
    }

    private int clampY(double lat) {
        return Math.max(0, Math.min(ny - 1, (int) Math.floor((lat - minLat) / tileLat)));
    }
}
