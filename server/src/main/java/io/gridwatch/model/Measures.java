package io.gridwatch.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kind-specific values of one reading, one slot per {@link SensorKind#fields()} entry: a {@link Double} for a
 * number, a {@link Boolean} for a flag, null where the payload had none. Immutable.
 */
public final class Measures {

    private final SensorKind kind;
    private final Object[] values;

    private Measures(SensorKind kind, Object[] values) {
        this.kind = kind;
        this.values = values;
    }

    /**
     * The values in field order, as the decoder collected them.
     *
     * @throws IllegalArgumentException when there is not one value per field, or one is of the wrong type
     */
    public static Measures ofSlots(SensorKind kind, Object... values) {
        Objects.requireNonNull(kind, "kind");
        if (values.length != kind.fields().size()) {
            throw new IllegalArgumentException(kind.id() + " has " + kind.fields().size() + " fields, got "
                    + values.length + " values");
        }
        Object[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            ReadingField field = kind.fields().get(i);
            Object value = copy[i];
            if (value instanceof Number number && field.isNumber()) {
                copy[i] = number.doubleValue();
            } else if (value != null && !(value instanceof Boolean && !field.isNumber())) {
                throw new IllegalArgumentException(field.name() + " cannot hold " + value);
            }
        }
        return new Measures(kind, copy);
    }

    /** Values by field name, others null: {@code Measures.of(GAS, "lel", 12.0, "alarm", false)}. */
    public static Measures of(SensorKind kind, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Object[] slots = new Object[kind.fields().size()];
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            int at = kind.indexOf(name);
            if (at < 0) {
                throw new IllegalArgumentException(kind.id() + " has no field " + name);
            }
            slots[at] = namesAndValues[i + 1];
        }
        return ofSlots(kind, slots);
    }

    public SensorKind kind() {
        return kind;
    }

    /** The number {@code name}, null when absent or not a field of this kind. */
    public Double number(String name) {
        int at = kind.indexOf(name);
        return at >= 0 && values[at] instanceof Double number ? number : null;
    }

    /** The flag {@code name}, null when absent or not a field of this kind. */
    public Boolean flag(String name) {
        int at = kind.indexOf(name);
        return at >= 0 && values[at] instanceof Boolean flag ? flag : null;
    }

    /** The value stored in {@code column}, null when this kind has no field there or it was absent. */
    public Object column(String column) {
        for (int i = 0; i < values.length; i++) {
            if (kind.fields().get(i).column().equals(column)) {
                return values[i];
            }
        }
        return null;
    }

    /** The values by field name, in field order, nulls included. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(kind.fields().get(i).name(), values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Measures that && kind.equals(that.kind) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
