package io.gridwatch.geo.crs;

import org.locationtech.jts.geom.Coordinate;

/**
 * Conversion between WGS84 and GCJ-02 ("Mars coordinates"), the offset system required for maps
 * published in mainland China.
 *
 * <p>The forward direction (WGS84 → GCJ-02) is the published obfuscation formula on the
 * Krasovsky 1940 ellipsoid. It has no closed-form inverse, so GCJ-02 → WGS84 iterates the forward
 * formula until the position reproduces the input to about a millimetre. Outside mainland China
 * (a bounding-box test, as every implementation does) the two systems are the same. Stateless and
 * thread-safe.
 */
public final class Gcj02 {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    /** Stop iterating the inverse when the forward image is this close to the target (degrees, about 1 mm). */
    private static final double INVERSE_EPSILON = 1e-8;
    private static final int INVERSE_MAX_STEPS = 30;

    private Gcj02() {
    }

    /** WGS84 → GCJ-02. */
    public static Coordinate fromWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new Coordinate(lon, lat);
        }
        double[] d = delta(lon, lat);
        return new Coordinate(lon + d[0], lat + d[1]);
    }

    /** GCJ-02 → WGS84, accurate to about a millimetre. */
    public static Coordinate toWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new Coordinate(lon, lat);
        }
        // Fixed-point iteration: the offset changes slowly, so each step gains several digits.
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < INVERSE_MAX_STEPS; i++) {
            Coordinate g = fromWgs84(wLon, wLat);
            double dLon = g.x - lon;
            double dLat = g.y - lat;
            if (Math.abs(dLon) < INVERSE_EPSILON && Math.abs(dLat) < INVERSE_EPSILON) {
                break;
            }
            wLon -= dLon;
            wLat -= dLat;
        }
        return new Coordinate(wLon, wLat);
    }

    /** Whether the position lies outside the box where GCJ-02 applies. */
    public static boolean outsideChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double[] delta(double lon, double lat) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = transformLat(x, y);
        double dLon = transformLon(x, y);
        double radLat = Math.toRadians(lat);
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLon, dLat};
    }

    private static double transformLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLon(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
