package io.gridwatch.geo.validate;

import io.gridwatch.geo.crs.LocalProjection;
import io.gridwatch.geo.model.GridUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * What the geometric checks share for one validation: the units, their links, their geometries in
 * metres and the projection back to degrees. Built once per validation, then only read.
 */
final class CheckContext {

    private final List<GridUnit> units;
    private final StructureCheck.Links links;
    private final Geometry[] metres;
    private final LocalProjection projection;
    private final double tolerance;
    private final double sliverWidth;
    private final List<List<Integer>> children;

    CheckContext(List<GridUnit> units, StructureCheck.Links links, GeometryCheck.Projected projected,
            ValidationOptions options) {
        this.units = units;
        this.links = links;
        this.metres = projected.metres();
        this.projection = projected.projection();
        this.tolerance = options.areaToleranceM2();
        this.sliverWidth = options.sliverWidthM();
        this.children = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < units.size(); i++) {
            if (links.parent()[i] >= 0 && links.primary()[i]) {
                children.get(links.parent()[i]).add(i);
            }
        }
    }

    int size() {
        return units.size();
    }

    GridUnit unit(int i) {
        return units.get(i);
    }

    /** The parent's feature index, -1 when there is none to check against. */
    int parent(int i) {
        return links.parent()[i];
    }

    boolean primary(int i) {
        return links.primary()[i];
    }

    /** The children (first feature of each id) whose parent is feature {@code p}, in file order. */
    List<Integer> children(int p) {
        return children.get(p);
    }

    /**
     * Feature {@code i}'s geometry in metres, or {@code null} when it is left out of the geometric
     * checks (invalid, or a later feature with a repeated id).
     */
    Geometry metres(int i) {
        return metres[i];
    }

    /** Areas up to this many m² are rounding, not defects. */
    double tolerance() {
        return tolerance;
    }

    /** A position inside the largest polygon of {@code metresResult}, in degrees; empty when it is empty. */
    Optional<Defect.LonLat> locate(Geometry metresResult) {
        Geometry largest = null;
        for (int n = 0; n < metresResult.getNumGeometries(); n++) {
            Geometry part = metresResult.getGeometryN(n);
            if (part instanceof Polygon && (largest == null || part.getArea() > largest.getArea())) {
                largest = part;
            }
        }
        Point inside = (largest == null ? metresResult : largest).getInteriorPoint();
        if (inside == null || inside.isEmpty()) {
            return Optional.empty();
        }
        Coordinate degrees = projection.toDegrees(inside.getX(), inside.getY());
        return Optional.of(new Defect.LonLat(degrees.x, degrees.y));
    }

    /** {@code " near 113.900000 22.750000"}, or nothing when there is no position. */
    static String near(Optional<Defect.LonLat> location) {
        return location.map(at -> " near " + at).orElse("");
    }

    /** The start of a defect's sentence, from the area and the parts it is about (in metres). */
    interface Describe {
        String sentence(double areaM2, Geometry parts);
    }

    /**
     * What an overlay result (an overlap, a gap, a part outside) amounts to: a defect when its parts wider than
     * a sliver cover more than the area tolerance; else a sliver warning when its narrow parts do; else nothing.
     * The sentence gets the width and, when there is one, a location appended.
     */
    Optional<Defect> judge(DefectKind kind, List<Integer> features, Geometry metresResult, Describe describe) {
        Parts parts = Parts.split(metresResult, sliverWidth);
        if (parts.realArea() > tolerance) {
            return Optional.of(measured(kind, features, parts.realArea(), parts.realWidth(), parts.real(), false,
                    describe.sentence(parts.realArea(), parts.real()) + ", " + Words.width(parts.realWidth())
                            + " wide"));
        }
        if (parts.sliverArea() > tolerance) {
            return Optional.of(measured(kind, features, parts.sliverArea(), parts.sliverWidth(), parts.slivers(), true,
                    describe.sentence(parts.sliverArea(), parts.slivers()) + ", a sliver at most "
                            + Words.width(parts.sliverWidth()) + " wide"));
        }
        return Optional.empty();
    }

    /** The number of separate parts of {@code parts} above the area tolerance. */
    int places(Geometry parts) {
        int places = 0;
        for (int n = 0; n < parts.getNumGeometries(); n++) {
            places += parts.getGeometryN(n).getArea() > tolerance ? 1 : 0;
        }
        return places;
    }

    private Defect measured(DefectKind kind, List<Integer> features, double areaM2, double widthM,
            Geometry metresResult, boolean sliver, String message) {
        Optional<Defect.LonLat> at = locate(metresResult);
        List<String> ids = features.stream().map(i -> units.get(i).id()).toList();
        return new Defect(kind, ids, features, OptionalDouble.of(areaM2), OptionalDouble.of(widthM), at, sliver,
                message + near(at));
    }

    /** The defect for a check that JTS could not compute, so that one failure does not stop the rest. */
    Defect failed(List<Integer> features, String what, RuntimeException e) {
        List<String> ids = features.stream().map(i -> units.get(i).id()).toList();
        return Defect.of(DefectKind.CHECK_FAILED, ids, features,
                "could not check " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** {@code "cell 440311001001-01-02"}. */
    String name(int i) {
        return units.get(i).level() + " " + units.get(i).id();
    }

    /** {@code "cell 440311001001-01-02 (feature 17)"}, for defects where the file position helps. */
    static String describe(GridUnit unit, int index) {
        return unit.level() + " " + unit.id() + " (feature " + index + ")";
    }
}
