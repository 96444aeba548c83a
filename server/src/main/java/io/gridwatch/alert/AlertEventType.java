package io.gridwatch.alert;

import java.util.Optional;

/** The transitions recorded in an alert's audit trail (and, except {@code cleared}, sent over websockets). */
public enum AlertEventType {
    OPENED("opened"),
    /** A repeat of the condition: count, last value, maybe a higher severity. */
    UPDATED("updated"),
    ESCALATED("escalated"),
    ACKNOWLEDGED("acknowledged"),
    RESOLVED("resolved"),
    /** The condition ended; the alert stays until a person (or the lifecycle's policy) resolves it. */
    CLEARED("cleared"),
    /** The case steps of ARCHITECTURE 3.8, and a resident's rating (3.9). */
    DISPATCHED("dispatched"),
    ACCEPTED("accepted"),
    HANDLED("handled"),
    RETURNED("returned"),
    VERIFIED("verified"),
    OVERDUE("overdue"),
    RATED("rated");

    private final String id;

    AlertEventType(String id) {
        this.id = id;
    }

    /** The id used in the API and the database. */
    public String id() {
        return id;
    }

    public static Optional<AlertEventType> fromId(String id) {
        for (AlertEventType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
