package io.gridwatch.geo.validate;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Finds siblings (units with the same parent) that share area: area(a ∩ b) above the tolerance, judged
 * by width ({@link CheckContext#judge}): slivers are warnings, wider overlaps defects.
 * Candidate pairs come from one STR-tree over all linked units' envelopes; a pair whose envelopes
 * overlap by no more than the tolerance cannot overlap by more, so it is skipped without an overlay
 * (this drops neighbours that only touch at a corner). Units with different parents are not
 * compared: if they overlap, one of them sticks out of its parent, or their parents overlap, and
 * that is reported. Stateless apart from the context; one per validation.
 */
final class OverlapCheck {

    private final CheckContext context;

    OverlapCheck(CheckContext context) {
        this.context = context;
    }

    void run(List<Defect> out) {
        STRtree tree = new STRtree();
        int indexed = 0;
        for (int i = 0; i < context.size(); i++) {
            if (context.parent(i) >= 0 && context.metres(i) != null) {
                tree.insert(context.metres(i).getEnvelopeInternal(), i);
                indexed++;
            }
        }
        if (indexed < 2) {
            return;
        }
        tree.build();
        for (int i = 0; i < context.size(); i++) {
            if (context.parent(i) < 0 || context.metres(i) == null) {
                continue;
            }
            Envelope envelope = context.metres(i).getEnvelopeInternal();
            for (Object item : tree.query(envelope)) {
                int j = (Integer) item;
                // each pair once, siblings only
                if (j > i && context.parent(j) == context.parent(i)) {
                    checkPair(i, j, out);
                }
            }
        }
    }

    private void checkPair(int a, int b, List<Defect> out) {
        Geometry ga = context.metres(a);
        Geometry gb = context.metres(b);
        Envelope common = ga.getEnvelopeInternal().intersection(gb.getEnvelopeInternal());
        if (common.getArea() <= context.tolerance()) {
            return;
        }
        try {
            Geometry shared = OverlayNGRobust.overlay(ga, gb, OverlayNG.INTERSECTION);
            if (shared.getArea() > context.tolerance()) {
                context.judge(DefectKind.OVERLAP, List.of(a, b), shared, (area, pieces) ->
                        Words.units(context.unit(a).level(), 2) + " " + context.unit(a).id() + " and "
                                + context.unit(b).id() + " overlap by " + Words.area(area)).ifPresent(out::add);
            }
        } catch (RuntimeException e) {
            out.add(context.failed(List.of(a, b), "the overlap of " + context.name(a) + " and "
                    + context.name(b), e));
        }
    }
}
