package io.gridwatch.geo.validate;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;

/**
 * The result of an overlay (an overlap, a gap, a part outside a parent) split by width: the parts at most
 * {@code sliverWidth} wide, which rounding leaves along shared edges, and the rest, which are real defects. A
 * part's width is the diameter of the largest circle inside it, so a centimetre-wide strip along a kilometre-long
 * edge is a sliver whatever its area. Parts without area (lines, points) are ignored. Immutable.
 *
 * <p>Whether a part is a sliver is decided by erosion: it is no wider than {@code w} exactly when shrinking it by
 * {@code w / 2} leaves nothing, which costs the same however long the part is ({@link MaximumInscribedCircle}
 * would refine its grid along the whole length of a kilometre-long sliver). A sliver's width is bounded the same
 * way, halving; a wider part's is measured with {@link MaximumInscribedCircle}, to a twentieth of its mean width.
 *
 * @param real the wider parts (possibly empty)
 * @param realArea their total area, m²
 * @param realWidth the width of the widest of them, m (0 when none)
 * @param slivers the narrow parts
 * @param sliverArea their total area, m²
 * @param sliverWidth an upper bound of the width of the widest of them, m (0 when none)
 */
record Parts(Geometry real, double realArea, double realWidth, Geometry slivers, double sliverArea,
        double sliverWidth) {

    /** Sliver widths are bounded down to this, in metres: a millimetre says "rounding" well enough. */
    private static final double FINEST = 0.001;

    static Parts split(Geometry result, double sliverWidth) {
        List<Geometry> real = new ArrayList<>();
        List<Geometry> narrow = new ArrayList<>();
        double realArea = 0;
        double realWidth = 0;
        double sliverArea = 0;
        double widest = 0;
        for (int n = 0; n < result.getNumGeometries(); n++) {
            Geometry part = result.getGeometryN(n);
            double area = part.getArea();
            if (!(part instanceof Polygonal) || area <= 0) {
                continue;
            }
            if (noWiderThan(part, sliverWidth)) {
                narrow.add(part);
                sliverArea += area;
                widest = Math.max(widest, widthBound(part, sliverWidth));
            } else {
                real.add(part);
                realArea += area;
                realWidth = Math.max(realWidth, width(part, sliverWidth));
            }
        }
        GeometryFactory factory = result.getFactory();
        return new Parts(factory.buildGeometry(real), realArea, realWidth, factory.buildGeometry(narrow), sliverArea,
                widest);
    }

    private static boolean noWiderThan(Geometry part, double width) {
        return width > 0 && part.buffer(-width / 2).isEmpty();
    }

    /** The smallest of width, width / 2, width / 4, … (down to a millimetre) that the part is no wider than. */
    private static double widthBound(Geometry part, double width) {
        double bound = width;
        while (bound / 2 >= FINEST && noWiderThan(part, bound / 2)) {
            bound /= 2;
        }
        return bound;
    }

    private static double width(Geometry part, double sliverWidth) {
        double meanWidth = 2 * part.getArea() / part.getLength();
        double precision = Math.max(sliverWidth / 10, meanWidth / 20);
        return 2 * MaximumInscribedCircle.getRadiusLine(part, Math.max(precision, FINEST)).getLength();
    }
}
