package io.gridwatch.geo.validate;

import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.model.GridUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks each feature's geometry on its own with JTS {@link IsValidOp} and projects the valid ones
 * to metres for the checks that compare units. An invalid geometry is reported once here and left
 * out of every later check, since overlay results on invalid input mean nothing. Stateless.
 */
final class GeometryCheck {

    private GeometryCheck() {
    }

    /**
     * @param metres per feature its geometry in metres, {@code null} when it is left out of the
     *     geometric checks
     * @param projection the projection used, centred on the valid geometries' overall envelope
     */
    record Projected(Geometry[] metres, LocalProjection projection) {
    }

    static Projected run(List<GridUnit> units, boolean[] primary, List<Defect> out) {
        boolean[] valid = new boolean[units.size()];
        Envelope all = new Envelope();
        for (int i = 0; i < units.size(); i++) {
            valid[i] = check(i, units.get(i), out);
            if (valid[i]) {
                all.expandToInclude(units.get(i).geometry().getEnvelopeInternal());
            }
        }
        // one projection for the whole file: shared vertices of neighbours land on the same metres,
        // so edge-matched units stay edge-matched
        LocalProjection projection = all.isNull() ? new LocalProjection(0, 0) : LocalProjection.centredOn(all);
        Geometry[] metres = new Geometry[units.size()];
        for (int i = 0; i < units.size(); i++) {
            if (valid[i] && primary[i]) {
                metres[i] = projection.toMetres(units.get(i).geometry());
            }
        }
        return new Projected(metres, projection);
    }

    /** Whether the geometry is a valid, non-empty polygon; reports it when it is not. */
    private static boolean check(int index, GridUnit unit, List<Defect> out) {
        Geometry geometry = unit.geometry();
        String who = CheckContext.describe(unit, index);
        if (!(geometry instanceof Polygonal)) {
            out.add(invalid(index, unit, who + " is a " + geometry.getGeometryType() + ", not a polygon", null));
            return false;
        }
        if (geometry.isEmpty()) {
            out.add(invalid(index, unit, who + " has an empty geometry", null));
            return false;
        }
        TopologyValidationError error;
        try {
            error = new IsValidOp(geometry).getValidationError();
        } catch (RuntimeException e) {
            out.add(invalid(index, unit, who + ": its geometry cannot be checked (" + e.getMessage() + ")", null));
            return false;
        }
        if (error == null) {
            return true;
        }
        Coordinate at = error.getCoordinate();
        Defect.LonLat location = at == null ? null : new Defect.LonLat(at.x, at.y);
        out.add(invalid(index, unit, who + ": " + error.getMessage()
                + (location == null ? "" : " at " + location), location));
        return false;
    }

    private static Defect invalid(int index, GridUnit unit, String message, Defect.LonLat location) {
        return new Defect(DefectKind.INVALID_GEOMETRY, List.of(unit.id()), List.of(index), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.ofNullable(location), false, message);
    }
}
