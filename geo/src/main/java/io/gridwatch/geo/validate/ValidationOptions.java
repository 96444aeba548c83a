package io.gridwatch.geo.validate;

/**
 * How strict a {@link GridValidator} is.
 *
 * @param areaToleranceM2 an overlap, a gap or a part of a child outside its parent is reported only
 *     when its area is larger than this, in square metres; it absorbs the slivers that rounding leaves
 *     along shared edges. Must be finite and not negative.
 */
public record ValidationOptions(double areaToleranceM2) {

    /** One square metre: far below a real defect, far above rounding slivers. */
    public static final double DEFAULT_AREA_TOLERANCE_M2 = 1.0;

    public ValidationOptions {
        if (!Double.isFinite(areaToleranceM2) || areaToleranceM2 < 0) {
            throw new IllegalArgumentException("areaToleranceM2 must be a finite number >= 0, got " + areaToleranceM2);
        }
    }

    /** The defaults: a tolerance of {@value #DEFAULT_AREA_TOLERANCE_M2} m². */
    public static ValidationOptions defaults() {
        return new ValidationOptions(DEFAULT_AREA_TOLERANCE_M2);
    }
}
