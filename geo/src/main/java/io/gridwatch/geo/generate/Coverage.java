package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.GridException;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.operation.overlayng.CoverageUnion;

/**
 * Unions edge-matched polygons into one polygon. Because the pieces share identical vertices along
 * every common edge, the union only drops the shared edges: it creates no vertex and moves none,
 * so the result still matches its neighbours exactly. Stateless and thread-safe.
 */
final class Coverage {

    private Coverage() {
    }

    /**
     * The union of {@code pieces}, normalized (canonical ring start and orientation) so that equal
     * inputs always give byte-identical output.
     *
     * @param what names the unit in the error message
     * @throws GridException when the pieces do not make one connected polygon: a generator bug,
     *     better stopped than written to a grid file
     */
    static Polygon union(List<? extends Geometry> pieces, String what) {
        if (pieces.isEmpty()) {
            throw new GridException("cannot build " + what + ": it has no parts");
        }
        Geometry union;
        try {
            union = CoverageUnion.union(pieces.get(0).getFactory().buildGeometry(pieces));
        } catch (TopologyException e) {
            throw new GridException("cannot build " + what + ": its parts are not edge-matched", e);
        }
        if (!(union instanceof Polygon polygon) || union.isEmpty()) {
            throw new GridException("cannot build " + what + ": its parts make a "
                    + union.getGeometryType() + " with " + union.getNumGeometries() + " parts, not one polygon");
        }
        Polygon normalized = (Polygon) polygon.copy();
        normalized.normalize();
        return normalized;
    }
}
