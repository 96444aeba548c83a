package io.gridwatch.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of sensor, as data (ARCHITECTURE 3.7): everything the decoder, the storage, the rules, the API, the pages,
 * the dashboards and the simulator need to know about it. Entries live in {@link KindRegistry}. Immutable.
 *
 * @param id the id used in the API, MQTT payloads and the database ({@code "gas"})
 * @param label what the pages call it
 * @param icon a short glyph the map and the consoles draw for its devices and alerts
 * @param colour the colour of its devices on the map ({@code #rrggbb})
 * @param fields its payload fields besides {@code ts}, {@code seq} and {@code battery}, in payload order
 * @param defaults its default alert lines, overridden per device by {@link Thresholds}
 * @param rule the name of the rule that judges its readings (the rules package holds the class)
 */
public record SensorKind(String id, Label label, String icon, String colour, List<ReadingField> fields,
        KindDefaults defaults, String rule) {

    public SensorKind {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(rule, "rule");
        fields = List.copyOf(fields);
    }

    /** The field of this kind called {@code name}. */
    public Optional<ReadingField> field(String name) {
        for (ReadingField field : fields) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** Where {@code name} sits in {@link #fields()}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The alert kind its own rule raises: the same id. */
    public AlertKind alertKind() {
        return AlertKind.fromId(id).orElseThrow();
    }

    @Override
    public String toString() {
        return id;
    }
}
