package io.gridwatch.model;

import java.util.List;
import java.util.Objects;

/**
 * One kind-specific field of a reading's JSON payload: its name, what it holds, its unit and valid range, its labels
 * and the {@code readings} column it is stored in. Fields common to every kind ({@code ts}, {@code seq},
 * {@code battery}) are the decoder's own and are not listed here. Immutable.
 *
 * @param unit the unit as pages print it ({@code "%/m"}, {@code "m"}, {@code "%LEL"}, {@code "°C"}); empty for a flag
 * @param min the smallest valid value of a number, inclusive (ignored for a flag)
 * @param max the largest valid value of a number, inclusive (ignored for a flag)
 * @param required whether a payload without it (or with null) is refused
 * @param column the column of {@code readings} and {@code device_state} that stores it; fields of different kinds
 *     that mean the same thing share a column ({@code alarm})
 * @param rollups what the per-minute and per-hour rollups keep of it, each as column {@code <agg>_<column>}
 */
public record ReadingField(String name, Type type, String unit, double min, double max, boolean required,
        Label label, String column, List<Rollup> rollups) {

    /** What JSON value a field takes. */
    public enum Type {
        /** A JSON number within [min, max], stored as double precision. */
        NUMBER,
        /** {@code true} or {@code false}, stored as boolean. */
        FLAG
    }

    /** An aggregate the rollups keep of a number, named by its SQL function. */
    public enum Rollup {
        AVG, MIN, MAX;

        /** The rollup column for {@code column}: {@code max_obscuration}. */
        public String column(String column) {
            return name().toLowerCase(java.util.Locale.ROOT) + "_" + column;
        }
    }

    public ReadingField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(column, "column");
        unit = unit == null ? "" : unit;
        rollups = List.copyOf(rollups);
        if (!column.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column must be a plain SQL name: " + column);
        }
        if (type == Type.NUMBER && !(min <= max)) {
            throw new IllegalArgumentException(name + ": min " + min + " is above max " + max);
        }
    }

    /** A required number. */
    public static ReadingField number(String name, String unit, double min, double max, Label label,
            Rollup... rollups) {
        return new ReadingField(name, Type.NUMBER, unit, min, max, true, label, name, List.of(rollups));
    }

    /** The detector's own alarm flag, required, in the shared {@code alarm} column. */
    public static ReadingField alarmFlag() {
        return new ReadingField("alarm", Type.FLAG, "", 0, 0, true, new Label("报警", "alarm"), "alarm", List.of());
    }

    public boolean isNumber() {
        return type == Type.NUMBER;
    }
}
