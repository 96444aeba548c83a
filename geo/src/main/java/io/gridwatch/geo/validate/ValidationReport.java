package io.gridwatch.geo.validate;

import io.gridwatch.geo.model.Level;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GridValidator} found in a grid file: every defect, every sliver accepted with a warning, and how
 * many units each level has. Immutable and thread-safe.
 *
 * <p>The text form has one line per defect, its kind's label first, then one per sliver, then a summary:
 *
 * <pre>
 * overlap    cells 440311001001-01-02 and 440311001001-01-03 overlap by 52.3 m², 6.1 m wide near 113.901234 22.751234
 * gap        sector 440311001001-01: 12.0 m² not covered by its cells, 3.4 m wide near 113.902345 22.752345
 * sliver     gap: sector 440311001001-02: 18.8 m² not covered by its cells, a sliver at most 1.1 cm wide near …
 * 2,050 units: 1 district, 6 subdistricts, 37 communities, 272 sectors, 1,734 cells; 2 defects, 1 sliver accepted: UNUSABLE
 * </pre>
 */
public final class ValidationReport {

    /** Widest label plus two spaces, so that the messages line up. */
    private static final int LABEL_WIDTH = 11;

    private final List<Defect> defects;
    private final List<Defect> slivers;
    private final Map<Level, Integer> unitCounts;

    /**
     * @param found defects and slivers ({@link Defect#sliver()}) in any order; the report lists each by kind,
     *     then by first feature index
     * @param unitCounts units per level as found in the file (duplicates included)
     */
    public ValidationReport(List<Defect> found, Map<Level, Integer> unitCounts) {
        Comparator<Defect> order = Comparator.comparing(Defect::kind)
                .thenComparingInt(d -> d.features().isEmpty() ? -1 : d.features().get(0));
        this.defects = found.stream().filter(d -> !d.sliver()).sorted(order).toList();
        this.slivers = found.stream().filter(Defect::sliver).sorted(order).toList();
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            counts.put(level, unitCounts.getOrDefault(level, 0));
        }
        this.unitCounts = Collections.unmodifiableMap(counts);
    }

    /**
     * Slivers: overlaps, gaps and parts outside a parent above the area tolerance but nowhere wider than the
     * sliver width, what rounding leaves along shared edges. Warnings: the grid stays usable.
     */
    public List<Defect> slivers() {
        return slivers;
    }

    public List<Defect> slivers(DefectKind kind) {
        return slivers.stream().filter(d -> d.kind() == kind).toList();
    }

    /** Every defect found (slivers apart), grouped by kind (in {@link DefectKind} order), then in file order. */
    public List<Defect> defects() {
        return defects;
    }

    public List<Defect> defects(DefectKind kind) {
        return defects.stream().filter(d -> d.kind() == kind).toList();
    }

    /** Units per level, every level present (0 when the file has none). */
    public Map<Level, Integer> unitCounts() {
        return unitCounts;
    }

    public int unitCount(Level level) {
        return unitCounts.get(level);
    }

    /** Whether the server can work with this grid: true when nothing is wrong with it. */
    public boolean usable() {
        return defects.isEmpty();
    }

    /** The report for people: one line per defect, then the summary line; ends with a newline. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Defect defect : defects) {
            String label = defect.kind().label();
            text.append(label).append(" ".repeat(Math.max(2, LABEL_WIDTH - label.length())))
                    .append(defect.message())
                    .append('\n');
        }
        for (Defect sliver : slivers) {
            text.append("sliver").append(" ".repeat(LABEL_WIDTH - "sliver".length()))
                    .append(sliver.kind().label()).append(": ").append(sliver.message()).append('\n');
        }
        return text.append(summary()).append('\n').toString();
    }

    /**
     * {@code "2,050 units: 1 district, …, 1,734 cells; no defects: usable"},
     * {@code "…; no defects, 2 slivers accepted: usable"} or {@code "…; 3 defects: UNUSABLE"}.
     */
    public String summary() {
        int total = unitCounts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder s = new StringBuilder(Words.plural(total, "unit")).append(": ");
        for (Level level : Level.values()) {
            s.append(level == Level.DISTRICT ? "" : ", ").append(Words.count(level, unitCounts.get(level)));
        }
        s.append("; ");
        if (defects.isEmpty()) {
            s.append("no defects");
        } else {
            s.append(Words.plural(defects.size(), "defect"));
        }
        if (!slivers.isEmpty()) {
            s.append(", ").append(Words.plural(slivers.size(), "sliver")).append(" accepted");
        }
        return s.append(": ").append(usable() ? "usable" : "UNUSABLE").toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
