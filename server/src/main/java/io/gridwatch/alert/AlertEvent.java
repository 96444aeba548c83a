package io.gridwatch.alert;

import io.gridwatch.geo.model.Level;
import io.gridwatch.model.Severity;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One entry of an alert's audit trail. Immutable, except that {@code detail} is a JSON object the
 * caller should not modify.
 *
 * @param actor the username of the person who acted, or {@code "system"}
 * @param level the alert's level right after the transition
 * @param severity the alert's severity right after the transition
 * @param detail what else is known: {@code count}/{@code value}/{@code reason} for opened and
 *     updated, {@code from} for escalated, {@code note} for resolved
 */
public record AlertEvent(long id, long alertId, Instant at, AlertEventType type, String actor, Level level,
        Severity severity, JsonObject detail) {

    /** The actor of transitions nobody made by hand. */
    public static final String SYSTEM = "system";
}
