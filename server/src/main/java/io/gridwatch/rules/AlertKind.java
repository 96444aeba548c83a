package io.gridwatch.rules;

import java.util.Optional;

/**
 * What an alert is about. Together with its source (a device, or a resident's report) the kind identifies the one
 * alert that may be open for it: repeats update that alert, never open a second.
 */
public enum AlertKind {
    SMOKE("smoke"),
    WATER_LEVEL("water_level"),
    OFFLINE("offline"),
    BATTERY("battery"),
    /** A resident's snap-and-report; raised by the report service, not by a rule. */
    REPORT("report");

    private final String id;

    AlertKind(String id) {
        this.id = id;
    }

    /** The id used in the API and the database ({@code "smoke"}, {@code "water_level"}, …). */
    public String id() {
        return id;
    }

    public static Optional<AlertKind> fromId(String id) {
        for (AlertKind kind : values()) {
            if (kind.id.equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
