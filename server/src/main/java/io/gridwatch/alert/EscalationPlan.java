package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a due alert goes next, given by the caller of {@link AlertStore#escalateDue} (it knows the
 * roster and the deadlines per severity). Called on the event loop inside a database transaction:
 * it must be fast and must not block or do I/O.
 */
@FunctionalInterface
public interface EscalationPlan {

    /**
     * The next step for a due, open alert: a level above {@code alert.level()} (the nearest one with
     * someone on the roster; it may skip empty levels) and its deadline. Empty when there is nowhere
     * to go: the alert stays at its level and its deadline is cleared.
     */
    Optional<Step> next(Alert alert, Instant now);

    /**
     * @param level the level to address the alert to, above the current one
     * @param escalateAt the next deadline, or null when this is the last level (nobody above)
     */
    record Step(Level level, Instant escalateAt) {

        public Step {
            Objects.requireNonNull(level, "level");
        }
    }
}
