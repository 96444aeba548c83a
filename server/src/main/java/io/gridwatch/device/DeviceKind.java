package io.gridwatch.device;

import java.util.Optional;

/** The sensors gridwatch takes readings from. */
public enum DeviceKind {
    SMOKE("smoke"),
    WATER_LEVEL("water_level");

    private final String id;

    DeviceKind(String id) {
        this.id = id;
    }

    /** The id used in the API, MQTT payloads and the database ({@code "smoke"}, {@code "water_level"}). */
    public String id() {
        return id;
    }

    public static Optional<DeviceKind> fromId(String id) {
        for (DeviceKind kind : values()) {
            if (kind.id.equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
