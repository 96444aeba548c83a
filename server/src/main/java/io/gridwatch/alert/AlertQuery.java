package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link AlertStore#list} returns: alerts in one unit's scope (the unit and everything below
 * it) or in all units, with the given statuses (empty: any), opened at or after {@code since} (null:
 * any time), newest first, at most {@code limit}. Immutable.
 *
 * @param unitLevel the level of the scoping unit, null for all units
 * @param unitId the id of the scoping unit, null for all units
 */
public record AlertQuery(Set<AlertStatus> statuses, Level unitLevel, String unitId, Instant since, int limit) {

    public AlertQuery {
        statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
        if ((unitLevel == null) != (unitId == null)) {
            throw new IllegalArgumentException("a scope is a level and a unit id, or neither");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Every alert, any status, newest first. */
    public static AlertQuery all(int limit) {
        return new AlertQuery(Set.of(), null, null, null, limit);
    }

    /** The alerts in {@code unitId} (at {@code level}) and below it. */
    public AlertQuery within(Level level, String unitId) {
        return new AlertQuery(statuses, Objects.requireNonNull(level), Objects.requireNonNull(unitId), since, limit);
    }

    public AlertQuery withStatus(AlertStatus... wanted) {
        return new AlertQuery(Set.of(wanted), unitLevel, unitId, since, limit);
    }

    public AlertQuery since(Instant from) {
        return new AlertQuery(statuses, unitLevel, unitId, from, limit);
    }
}
