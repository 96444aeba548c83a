package io.gridwatch.report;

/**
 * A position from a photo's EXIF GPS tags: WGS84 degrees (GPS receivers write WGS84, also in China).
 * Immutable.
 */
public record ExifGps(double lon, double lat) {
}
