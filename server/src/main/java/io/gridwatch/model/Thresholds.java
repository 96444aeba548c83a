package io.gridwatch.model;

/**
 * Per-device alert lines: for a water-level gauge, metres above the gauge datum; for a smoke
 * detector, {@code warn} is the obscuration (%/m) at which it alarms. Either may be null (the
 * rules' defaults apply).
 */
public record Thresholds(Double warn, Double danger) {

    public static final Thresholds NONE = new Thresholds(null, null);

    public Thresholds {
        if (warn != null && danger != null && danger < warn) {
            throw new IllegalArgumentException("thresholds: danger (" + danger + ") is below warn (" + warn + ")");
        }
    }
}
