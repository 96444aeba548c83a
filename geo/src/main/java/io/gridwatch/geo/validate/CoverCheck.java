package io.gridwatch.geo.validate;

import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Finds gaps: the part of a parent that none of its children covers, area(parent − ∪ children)
 * above the tolerance, judged by width ({@link CheckContext#judge}): slivers are warnings, wider gaps
 * defects. A parent with no children at all is one gap of its whole area. Parents with
 * an invalid child are skipped: the child is reported as invalid, and a union without it would
 * report its area as a gap. Stateless apart from the context; one per validation.
 */
final class CoverCheck {

    private final CheckContext context;

    CoverCheck(CheckContext context) {
        this.context = context;
    }

    void run(List<Defect> out) {
        for (int p = 0; p < context.size(); p++) {
            if (context.unit(p).level() == Level.CELL || context.metres(p) == null) {
                continue;
            }
            try {
                check(p, out);
            } catch (RuntimeException e) {
                out.add(context.failed(List.of(p), "whether the children of " + context.name(p) + " cover it", e));
            }
        }
    }

    private void check(int parent, List<Defect> out) {
        Geometry p = context.metres(parent);
        Level childLevel = context.unit(parent).level().child().orElseThrow();
        List<Integer> children = context.children(parent);
        if (children.isEmpty()) {
            context.judge(DefectKind.GAP, List.of(parent), p, (area, pieces) -> context.name(parent) + " has no "
                    + Words.units(childLevel, 0) + ": its whole " + Words.area(area) + " is a gap").ifPresent(out::add);
            return;
        }
        List<Geometry> parts = new ArrayList<>(children.size());
        for (int child : children) {
            if (context.metres(child) == null) {
                return;
            }
            parts.add(context.metres(child));
        }
        // OverlayNGRobust rather than CoverageUnion: children are meant to be an edge-matched
        // coverage, but this check exists for files where they are not
        Geometry union = OverlayNGRobust.union(parts);
        Geometry gap = OverlayNGRobust.overlay(p, union, OverlayNG.DIFFERENCE);
        double area = gap.getArea();
        if (area <= context.tolerance()) {
            return;
        }
        context.judge(DefectKind.GAP, List.of(parent), gap, (measured, pieces) -> {
            int places = context.places(pieces);
            return context.name(parent) + ": " + Words.area(measured) + " not covered by its "
                    + Words.units(childLevel, 2) + (places > 1 ? " in " + places + " places" : "");
        }).ifPresent(out::add);
    }
}
