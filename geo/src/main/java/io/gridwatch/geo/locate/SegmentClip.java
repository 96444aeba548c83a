package io.gridwatch.geo.locate;

import org.locationtech.jts.geom.Coordinate;

/** Segment against axis-aligned rectangle, by Liang–Barsky clipping. Stateless. */
final class SegmentClip {

    private SegmentClip() {
    }

    /** Whether the closed segment a–b has any point in the closed rectangle. */
    static boolean touches(Coordinate a, Coordinate b, double minX, double minY, double maxX, double maxY) {
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double[] t = {0.0, 1.0};
        return clip(-dx, a.x - minX, t) && clip(dx, maxX - a.x, t)
                && clip(-dy, a.y - minY, t) && clip(dy, maxY - a.y, t);
    }

    /** Narrows [t0, t1] by one boundary of the rectangle; false when nothing remains. */
    private static boolean clip(double p, double q, double[] t) {
        if (p == 0) {
            return q >= 0;
        }
        double r = q / p;
        if (p < 0) {
            if (r > t[1]) {
                return false;
            }
            t[0] = Math.max(t[0], r);
        } else {
            if (r < t[0]) {
                return false;
            }
            t[1] = Math.min(t[1], r);
        }
        return true;
    }
}
