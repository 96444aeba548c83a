package io.gridwatch.alert;

import java.util.Optional;

/**
 * Where an alert stands: {@code open} (addressed to the people of its current level, escalating
 * when nobody acknowledges in time) → {@code acknowledged} (someone took it; no more escalation)
 * → {@code resolved} (settled; a new raise for the same source and kind opens a new alert). An
 * open alert may also be resolved directly.
 */
public enum AlertStatus {
    OPEN("open"),
    ACKNOWLEDGED("acknowledged"),
    RESOLVED("resolved");

    private final String id;

    AlertStatus(String id) {
        this.id = id;
    }

    /** The id used in the API and the database. */
    public String id() {
        return id;
    }

    public static Optional<AlertStatus> fromId(String id) {
        for (AlertStatus status : values()) {
            if (status.id.equals(id)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
