package io.gridwatch.model;

import io.gridwatch.model.ReadingField.Rollup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sensor kinds gridwatch knows, in one place (ARCHITECTURE 3.7). The MQTT decoder, the storage, the rules,
 * {@code GET /api/kinds}, the pages, the dashboards' tests and the simulator all read these entries; adding a kind
 * is one entry here plus one rule class (docs/architecture.md, "Adding a sensor kind").
 *
 * <p>Immutable and thread-safe.
 */
public final class KindRegistry {

    /** Optical smoke detector (3.3). The server's line backs up the detector's own alarm flag. */
    public static final SensorKind SMOKE = new SensorKind("smoke", new Label("烟感", "smoke"), "\u2601", "#546e7a",
            List.of(ReadingField.number("obscuration", "%/m", 0, 100, new Label("烟雾浓度", "obscuration"),
                    Rollup.MAX), ReadingField.alarmFlag()),
            new KindDefaults(4.0, null, null, null), "smoke");

    /** Water-level gauge (3.3): lines are per gauge (metres above its datum), a fast rise is judged everywhere. */
    public static final SensorKind WATER_LEVEL = new SensorKind("water_level", new Label("水位", "water level"), "\u224b",
            "#0277bd",
            List.of(ReadingField.number("level", "m", -50, 1000, new Label("水位", "level"), Rollup.AVG, Rollup.MIN,
                    Rollup.MAX)),
            new KindDefaults(null, null, 0.10, Duration.ofMinutes(10)), "water_level");

    /**
     * Combustible gas detector (3.7): % of the lower explosive limit; the GB 15322 alarm points, 20 %LEL (major) and
     * 50 %LEL (critical), or the detector's own alarm.
     */
    public static final SensorKind GAS = new SensorKind("gas", new Label("燃气", "gas"), "\u26a0", "#6a1b9a",
            List.of(ReadingField.number("lel", "%LEL", 0, 100, new Label("可燃气体浓度", "gas concentration"),
                    Rollup.MAX), ReadingField.alarmFlag()),
            new KindDefaults(20.0, 50.0, null, null), "gas");

    /**
     * Heat detector (3.7): critical on its own alarm, at 57 °C (the fixed point of an EN 54-5 class A1 detector) or
     * on a rise of 8 °C per minute (rate of rise).
     */
    public static final SensorKind HEAT = new SensorKind("heat", new Label("温感", "heat"), "\u2668", "#bf360c",
            List.of(ReadingField.number("temp_c", "°C", -40, 200, new Label("温度", "temperature"), Rollup.MAX),
                    ReadingField.alarmFlag()),
            new KindDefaults(null, 57.0, 8.0, Duration.ofMinutes(1)), "heat");

    /** Every kind, in the order pages list them. */
    public static final List<SensorKind> ALL = List.of(SMOKE, WATER_LEVEL, GAS, HEAT);

    private KindRegistry() {
    }

    public static Optional<SensorKind> fromId(String id) {
        for (SensorKind kind : ALL) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The registered ids, for messages: {@code "smoke", "water_level", …}. */
    public static String ids() {
        return String.join(", ", ALL.stream().map(kind -> "\"" + kind.id() + "\"").toList());
    }

    /** Every field name any kind sends, for the decoder to tell a foreign field from an unknown one. */
    public static Set<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        ALL.forEach(kind -> kind.fields().forEach(field -> names.add(field.name())));
        return names;
    }

    /** One field per storage column, in a stable order (first registration wins): what a reading row holds. */
    public static List<ReadingField> columns() {
        List<ReadingField> columns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SensorKind kind : ALL) {
            for (ReadingField field : kind.fields()) {
                if (seen.add(field.column())) {
                    columns.add(field);
                }
            }
        }
        return List.copyOf(columns);
    }
}
