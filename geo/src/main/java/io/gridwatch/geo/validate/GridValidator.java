package io.gridwatch.geo.validate;

import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks a grid file before it is used and reports every defect found, not only the first: the
 * engine behind {@code gridwatch grid validate FILE}.
 *
 * <p>The checks, in order: ids and parent links ({@link DefectKind#DUPLICATE_ID}, parent kinds,
 * {@link DefectKind#DISTRICT_COUNT}, {@link DefectKind#EMPTY_LEVEL}); each geometry on its own
 * ({@link DefectKind#INVALID_GEOMETRY}); then, in metres on a local projection centred on the file,
 * children outside their parent, overlapping siblings and gaps in each parent's cover, each
 * reported only when its area exceeds {@link ValidationOptions#areaToleranceM2()}.
 *
 * <p>Bad data never makes it throw: geometric checks that would involve an invalid geometry or a
 * repeated id are skipped (the cause is already reported), and a JTS failure in one check becomes a
 * {@link DefectKind#CHECK_FAILED} defect. Geometric checks use the first feature of a repeated id.
 *
 * <p>Immutable and thread-safe: {@code validate} keeps its working state to itself and only reads
 * the units' geometries, which nobody may change meanwhile (JTS caches a geometry's envelope on
 * first use; that write is idempotent, as with any JTS geometry shared between threads).
 *
 * <p>On a district-sized file (2,050 features inside a 794-vertex outline) a validation takes about
 * 1.3 s in a fresh JVM and 0.3 s once warm, on one thread.
 */
public final class GridValidator {

    private final ValidationOptions options;

    public GridValidator(ValidationOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A validator with {@link ValidationOptions#defaults()}. */
    public GridValidator() {
        this(ValidationOptions.defaults());
    }

    public ValidationReport validate(GridFile file) {
        return validate(file, message -> { });
    }

    /**
     * Validates {@code file}, telling {@code progress} (on the calling thread) what it is doing, one
     * short lowercase line per step, for a command line that wants to show it is alive.
     */
    public ValidationReport validate(GridFile file, Consumer<String> progress) {
        List<GridUnit> units = file.units();
        List<Defect> defects = new ArrayList<>();
        long start = System.nanoTime();

        progress.accept(String.format(Locale.ROOT, "checking ids and parents of %,d features", units.size()));
        StructureCheck.Links links = StructureCheck.run(units, defects);

        progress.accept(step(start, "checking each geometry"));
        GeometryCheck.Projected projected = GeometryCheck.run(units, links.primary(), defects);
        CheckContext context = new CheckContext(units, links, projected, options);

        progress.accept(step(start, "checking that children lie inside their parents"));
        new ContainmentCheck(context).run(defects);
        progress.accept(step(start, "checking siblings for overlaps"));
        new OverlapCheck(context).run(defects);
        progress.accept(step(start, "checking parents for gaps"));
        new CoverCheck(context).run(defects);

        progress.accept(step(start, "done"));
        return new ValidationReport(defects, countByLevel(units));
    }

    private static String step(long start, String what) {
        return String.format(Locale.ROOT, "%s (at %.1f s)", what, (System.nanoTime() - start) / 1e9);
    }

    private static Map<Level, Integer> countByLevel(List<GridUnit> units) {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (GridUnit unit : units) {
            counts.merge(unit.level(), 1, Integer::sum);
        }
        return counts;
    }
}
