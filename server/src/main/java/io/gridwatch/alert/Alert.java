package io.gridwatch.alert;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An alert as stored: an immutable snapshot, safe to hand to any thread.
 *
 * @param level the level whose people the alert is addressed to now
 * @param value the last measured value, or null
 * @param count how many raises it has had (1 when opened)
 * @param escalateAt the next escalation deadline; null once acknowledged or resolved, or at the top
 * @param clearedAt when the condition ended, null while it holds (a new raise sets it back to null)
 * @param photoIds the photos of the residents' reports that opened or joined it, in arrival order
 * @param escalations how many times it has climbed a level (0 while still where it was first addressed)
 */
public record Alert(long id, AlertKind kind, Severity severity, AlertStatus status, AlertSource source, GridPath path,
        Level level, Double value, int count, Reason reason, Instant openedAt, Instant updatedAt, Instant ackedAt,
        String ackedBy, Instant resolvedAt, String resolvedBy, String resolveNote, Instant escalateAt,
        Instant clearedAt, List<Long> photoIds, int escalations) {

    /** Where staff fetch a photo (JWT); its thumbnail is at the same URL + {@code /thumb}. */
    public static final String PHOTO_URL = "/api/photos/";

    public Alert {
        photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
    }

    /** An alert without photos that never escalated. */
    public Alert(long id, AlertKind kind, Severity severity, AlertStatus status, AlertSource source, GridPath path,
            Level level, Double value, int count, Reason reason, Instant openedAt, Instant updatedAt, Instant ackedAt,
            String ackedBy, Instant resolvedAt, String resolvedBy, String resolveNote, Instant escalateAt,
            Instant clearedAt) {
        this(id, kind, severity, status, source, path, level, value, count, reason, openedAt, updatedAt, ackedAt,
                ackedBy, resolvedAt, resolvedBy, resolveNote, escalateAt, clearedAt, List.of(), 0);
    }

    /** The id as the API shows it. */
    public String idString() {
        return Long.toString(id);
    }

    /**
     * The alert JSON of the contract (ARCHITECTURE 3.4) plus {@code count}, {@code reason} (English text),
     * {@code reason_code} and {@code reason_values} (the same reason for pages to say in their language),
     * {@code escalate_at}, {@code updated_at} (what a websocket client orders events by),
     * {@code cleared_at} and {@code escalations}; {@code value} only when there is one, {@code photos} (URLs) only when a
     * resident's report brought some.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", idString())
                .put("kind", kind.id())
                .put("severity", severity.id())
                .put("status", status.id())
                .put("path", new JsonObject(new LinkedHashMap<>(path.asMap())))
                .put("source", source.toJson())
                .put("opened_at", text(openedAt))
                .put("acked_at", text(ackedAt))
                .put("resolved_at", text(resolvedAt))
                .put("level", level.id());
        if (value != null) {
            json.put("value", value);
        }
        if (!photoIds.isEmpty()) {
            json.put("photos", photoIds.stream().map(photo -> PHOTO_URL + photo).toList());
        }
        return json.put("count", count)
                .put("reason", reason.text())
                .put("reason_code", reason.code())
                .put("reason_values", new JsonObject(new LinkedHashMap<>(reason.values())))
                .put("escalate_at", text(escalateAt))
                .put("updated_at", text(updatedAt))
                .put("cleared_at", text(clearedAt))
                .put("escalations", escalations);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
