package io.gridwatch.geo.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Finds children that stick out of their parent: area(child − parent) above the tolerance, judged by
 * width ({@link CheckContext#judge}): slivers are warnings, the rest defects. A
 * prepared parent answers the common case (the child lies inside) without an overlay. Not
 * thread-safe: it caches prepared parents; use one per validation.
 */
final class ContainmentCheck {

    private final CheckContext context;
    private final Map<Integer, PreparedGeometry> prepared = new HashMap<>();

    ContainmentCheck(CheckContext context) {
        this.context = context;
    }

    void run(List<Defect> out) {
        for (int i = 0; i < context.size(); i++) {
            int p = context.parent(i);
            if (p < 0 || context.metres(i) == null || context.metres(p) == null) {
                continue;
            }
            try {
                check(i, p, out);
            } catch (RuntimeException e) {
                out.add(context.failed(List.of(i, p), "whether " + context.name(i) + " lies inside "
                        + context.name(p), e));
            }
        }
    }

    private void check(int child, int parent, List<Defect> out) {
        Geometry c = context.metres(child);
        Geometry p = context.metres(parent);
        PreparedGeometry preparedParent = prepared.computeIfAbsent(parent,
                k -> PreparedGeometryFactory.prepare(context.metres(k)));
        if (preparedParent.covers(c)) {
            return;
        }
        // not covered exactly; often only because shared edges were rounded differently, so measure
        Geometry outside = OverlayNGRobust.overlay(c, p, OverlayNG.DIFFERENCE);
        double area = outside.getArea();
        if (area <= context.tolerance()) {
            return;
        }
        boolean entirely = area >= c.getArea() - context.tolerance();
        context.judge(DefectKind.OUTSIDE_PARENT, List.of(child, parent), outside, (measured, pieces) ->
                context.name(child) + (entirely ? " lies entirely outside " : " sticks out of ") + context.name(parent)
                        + " by " + Words.area(measured)).ifPresent(out::add);
    }
}
