package io.gridwatch.geo.crs;

import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;

/**
 * The coordinate systems gridwatch speaks: WGS84 (GPS, the default) and GCJ-02, the obfuscated
 * system that Chinese web maps and many phone apps use. Both are lon/lat in degrees.
 */
public enum Crs {
    WGS84,
    GCJ02;

    /**
     * Converts a lon/lat position given in this system to {@code target}.
     *
     * @return a new coordinate, x = lon, y = lat
     */
    public Coordinate convert(double lon, double lat, Crs target) {
        if (this == target) {
            return new Coordinate(lon, lat);
        }
        return this == WGS84 ? Gcj02.fromWgs84(lon, lat) : Gcj02.toWgs84(lon, lat);
    }

    /**
     * Parses a system name as users write it: {@code WGS84}, {@code WGS-84}, {@code EPSG:4326},
     * {@code GCJ02}, {@code GCJ-02} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Crs parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (n) {
            case "WGS84", "EPSG:4326", "CRS84" -> WGS84;
            case "GCJ02" -> GCJ02;
            default -> throw new IllegalArgumentException(
                    "unknown coordinate system \"" + name + "\" (expected WGS84 or GCJ02)");
        };
    }
}
