package io.gridwatch.alert;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A raise handed to {@link AlertStore#raise}: opens an alert for (source, kind) or updates the
 * unresolved one. Immutable.
 *
 * @param path the cell of the source and every unit above it
 * @param startLevel the level to address a new alert to: the lowest level on the path that has
 *     someone on the roster (the caller knows the roster); ignored when an alert is updated
 * @param value the measured value, or null
 * @param reason why: a code with values, and the English text for the audit trail
 * @param at when the condition was seen (the reading's timestamp)
 * @param escalateAt the first escalation deadline, or null when nobody is above {@code startLevel}
 */
public record NewAlert(AlertKind kind, Severity severity, AlertSource source, GridPath path, Level startLevel,
        Double value, Reason reason, Instant at, Instant escalateAt) {

    public NewAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(startLevel, "startLevel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        for (Level level : Level.values()) {
            Objects.requireNonNull(path.at(level), () -> "path has no " + level);
        }
    }
}
