package io.gridwatch.geo.validate;

/**
 * How strict a {@link GridValidator} is.
 *
 * @param areaToleranceM2 an overlap, a gap or a part of a child outside its parent is reported only
 *     when its area is larger than this, in square metres. Must be finite and not negative.
 * @param sliverWidthM such an area whose every part is at most this wide, in metres, is a sliver: what
 *     rounding coordinates (to 7 decimals, about 1 cm) leaves along shared edges, however long they are. A
 *     sliver is reported as a warning and the grid stays usable; anything wider makes it unusable. Must be
 *     finite and not negative; 0 refuses slivers too.
 */
public record ValidationOptions(double areaToleranceM2, double sliverWidthM) {

    /** One square metre: far below a real defect, far above rounding slivers along a short edge. */
    public static final double DEFAULT_AREA_TOLERANCE_M2 = 1.0;

    /**
     * Five centimetres: rounding to 7 decimal degrees moves a point by at most 0.8 cm, so the slivers between
     * two edges rounded apart are narrower than about 1.6 cm; a real overlap or gap is metres wide.
     */
    public static final double DEFAULT_SLIVER_WIDTH_M = 0.05;

    public ValidationOptions {
        if (!Double.isFinite(areaToleranceM2) || areaToleranceM2 < 0) {
            throw new IllegalArgumentException("areaToleranceM2 must be a finite number >= 0, got " + areaToleranceM2);
        }
        if (!Double.isFinite(sliverWidthM) || sliverWidthM < 0) {
            throw new IllegalArgumentException("sliverWidthM must be a finite number >= 0, got " + sliverWidthM);
        }
    }

    /** An area tolerance with the default sliver width. */
    public ValidationOptions(double areaToleranceM2) {
        this(areaToleranceM2, DEFAULT_SLIVER_WIDTH_M);
    }

    /** The defaults: {@value #DEFAULT_AREA_TOLERANCE_M2} m², slivers up to {@value #DEFAULT_SLIVER_WIDTH_M} m wide. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(DEFAULT_AREA_TOLERANCE_M2, DEFAULT_SLIVER_WIDTH_M);
    }
}
