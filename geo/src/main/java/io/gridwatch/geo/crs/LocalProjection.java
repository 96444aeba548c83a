package io.gridwatch.geo.crs;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * An equirectangular projection to metres around a reference point, for distances and areas at
 * city scale. Over a district (tens of kilometres) its error is well under 0.5 %; it is not meant
 * for continents. Immutable and thread-safe.
 */
public final class LocalProjection {

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double METRES_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180.0;

    private final double lon0;
    private final double lat0;
    private final double metresPerDegreeLon;
    private final AffineTransformation toMetres;

    public LocalProjection(double lon0, double lat0) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        // StrictMath: the same bits on every platform, so that generated grids are byte-identical
        this.metresPerDegreeLon = METRES_PER_DEGREE * StrictMath.cos(Math.toRadians(lat0));
        this.toMetres = AffineTransformation.translationInstance(-lon0, -lat0)
                .scale(metresPerDegreeLon, METRES_PER_DEGREE);
    }

    /** A projection centred on the middle of {@code envelope} (lon/lat degrees). */
    public static LocalProjection centredOn(Envelope envelope) {
        return new LocalProjection(envelope.centre().x, envelope.centre().y);
    }

    public double x(double lon) {
        return (lon - lon0) * metresPerDegreeLon;
    }

    public double y(double lat) {
        return (lat - lat0) * METRES_PER_DEGREE;
    }

    public Coordinate toMetres(double lon, double lat) {
        return new Coordinate(x(lon), y(lat));
    }

    public Coordinate toDegrees(double x, double y) {
        return new Coordinate(lon0 + x / metresPerDegreeLon, lat0 + y / METRES_PER_DEGREE);
    }

    /** Metres east covered by one degree of longitude at the reference latitude. */
    public double metresPerDegreeLon() {
        return metresPerDegreeLon;
    }

    /** Metres north covered by one degree of latitude. */
    public double metresPerDegreeLat() {
        return METRES_PER_DEGREE;
    }

    /** A copy of {@code lonLat} in metres. */
    public Geometry toMetres(Geometry lonLat) {
        return toMetres.transform(lonLat);
    }

    /** A copy of {@code metres} back in lon/lat degrees. */
    public Geometry toDegrees(Geometry metres) {
        try {
            return toMetres.getInverse().transform(metres);
        } catch (org.locationtech.jts.geom.util.NoninvertibleTransformationException e) {
            throw new IllegalStateException("a scale transform is always invertible", e);
        }
    }

    /** Area of a lon/lat geometry in square metres. */
    public double areaM2(Geometry lonLat) {
        return lonLat.getArea() * metresPerDegreeLon * METRES_PER_DEGREE;
    }
}
