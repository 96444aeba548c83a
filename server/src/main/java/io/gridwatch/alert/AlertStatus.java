package io.gridwatch.alert;

import java.util.Optional;

/**
 * Where an alert stands: {@code open} (addressed to the people of its current level, escalating
 * when nobody acknowledges in time) → {@code acknowledged} (someone took it; no more escalation)
 * → {@code resolved} (settled; a new raise for the same source and kind opens a new alert). An
 * open alert may also be resolved directly. A case the grid hands to a department (ARCHITECTURE 3.8)
 * goes acknowledged → {@code dispatched} → {@code accepted} → {@code handled} → resolved (verified),
 * or {@code returned} by the department to the level that dispatched it.
 */
public enum AlertStatus {
    OPEN("open"),
    ACKNOWLEDGED("acknowledged"),
    DISPATCHED("dispatched"),
    ACCEPTED("accepted"),
    HANDLED("handled"),
    RETURNED("returned"),
    RESOLVED("resolved");

    private final String id;

    AlertStatus(String id) {
        this.id = id;
    }

    /** The id used in the API and the database. */
    public String id() {
        return id;
    }

    /** Whether a department has the case now (dispatched, accepted or handled): the grid waits for it. */
    public boolean withDepartment() {
        return this == DISPATCHED || this == ACCEPTED || this == HANDLED;
    }

    /** Every status but resolved. */
    public static AlertStatus[] unresolved() {
        return new AlertStatus[] {OPEN, ACKNOWLEDGED, DISPATCHED, ACCEPTED, HANDLED, RETURNED};
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
