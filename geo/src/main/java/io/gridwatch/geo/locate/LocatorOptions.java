package io.gridwatch.geo.locate;

/**
 * How a {@link GridLocator} is built.
 *
 * @param toleranceM points in no cell but at most this far from one get the nearest cell
 * @param raster whether to pre-compute the tile raster that answers most lookups in one array
 *     read (worth it for many lookups; a one-off lookup is faster without)
 * @param tileSizeM side of a raster tile, metres
 */
public record LocatorOptions(double toleranceM, boolean raster, double tileSizeM) {

    public static final double DEFAULT_TOLERANCE_M = 30.0;
    public static final double DEFAULT_TILE_SIZE_M = 25.0;
    public static final LocatorOptions DEFAULTS = new LocatorOptions(DEFAULT_TOLERANCE_M, true, DEFAULT_TILE_SIZE_M);

    public LocatorOptions {
        if (!(toleranceM >= 0) || Double.isInfinite(toleranceM)) {
            throw new IllegalArgumentException("tolerance must be a finite number of metres >= 0, got " + toleranceM);
        }
        if (!(tileSizeM > 0)) {
            throw new IllegalArgumentException("tile size must be > 0 metres, got " + tileSizeM);
        }
    }

    public LocatorOptions withTolerance(double metres) {
        return new LocatorOptions(metres, raster, tileSizeM);
    }

    public LocatorOptions withRaster(boolean on) {
        return new LocatorOptions(toleranceM, on, tileSizeM);
    }
}
