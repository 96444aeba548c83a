package io.gridwatch.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an alert is about: a sensor kind's own condition (one alert kind per {@link SensorKind} of the
 * {@link KindRegistry}, same id), or one of the kinds every device or report can raise ({@link #OFFLINE},
 * {@link #BATTERY}, {@link #REPORT}). Together with its source (a device, or a resident's report) the kind identifies
 * the one alert that may be open for it: repeats update that alert, never open a second.
 *
 * <p>Instances are canonical (one per id), so {@code ==} works as it did when this was an enum. Immutable.
 */
public final class AlertKind {

    private static final Map<String, AlertKind> BY_ID = new LinkedHashMap<>();

    static {
        KindRegistry.ALL.forEach(kind -> register(new AlertKind(kind.id(), kind.label(), kind)));
        register(new AlertKind("offline", new Label("设备离线", "device offline"), null));
        register(new AlertKind("battery", new Label("电量低", "low battery"), null));
        register(new AlertKind("report", new Label("随手拍", "resident report"), null));
    }

    public static final AlertKind SMOKE = BY_ID.get("smoke");
    public static final AlertKind WATER_LEVEL = BY_ID.get("water_level");
    public static final AlertKind GAS = BY_ID.get("gas");
    public static final AlertKind HEAT = BY_ID.get("heat");
    /** A device not heard from; raised by the offline detector for every kind. */
    public static final AlertKind OFFLINE = BY_ID.get("offline");
    /** A low battery; raised for every kind that reports one. */
    public static final AlertKind BATTERY = BY_ID.get("battery");
    /** A resident's snap-and-report; raised by the report service, not by a rule. */
    public static final AlertKind REPORT = BY_ID.get("report");

    private static final List<AlertKind> ALL = Collections.unmodifiableList(new ArrayList<>(BY_ID.values()));

    private final String id;
    private final Label label;
    private final SensorKind sensor;

    private AlertKind(String id, Label label, SensorKind sensor) {
        this.id = id;
        this.label = label;
        this.sensor = sensor;
    }

    private static void register(AlertKind kind) {
        if (BY_ID.putIfAbsent(kind.id, kind) != null) {
            throw new IllegalStateException("alert kind registered twice: " + kind.id);
        }
    }

    /** The id used in the API and the database ({@code "smoke"}, {@code "water_level"}, …). */
    public String id() {
        return id;
    }

    public Label label() {
        return label;
    }

    /** The sensor kind whose own condition this is; empty for offline, battery and report. */
    public Optional<SensorKind> sensor() {
        return Optional.ofNullable(sensor);
    }

    /** Every alert kind: the registry's sensor kinds in order, then offline, battery, report. */
    public static List<AlertKind> values() {
        return ALL;
    }

    public static Optional<AlertKind> fromId(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /** The name in upper case, as the enum this replaced spelled it ({@code WATER_LEVEL}). */
    public String name() {
        return id.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return name();
    }
}
