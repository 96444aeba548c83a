package io.gridwatch.casework;

import io.gridwatch.geo.model.Level;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One dispatch of an alert to a department, as stored: an immutable snapshot. The live dispatch of a case is the one
 * not returned; a returned one stays for the record and the figures.
 *
 * @param dispatchLevel the level of the person who dispatched it (overdue goes to the level above)
 * @param shared whether the handling note and photos may be shown to the resident who reported the case
 * @param photoIds the photos of the handling, in upload order
 */
public record Dispatch(long id, long alertId, String departmentId, String departmentName, String dispatchedBy,
        Level dispatchLevel, String note, Instant dispatchedAt, Instant dueAt, Instant acceptedAt, String acceptedBy,
        Instant handledAt, String handledBy, String handleNote, boolean shared, Instant returnedAt, String returnReason,
        Instant overdueAt, Instant verifiedAt, String verifiedBy, List<Long> photoIds) {

    /** Where staff fetch a handling photo (JWT); its thumbnail is at the same URL + {@code /thumb}. */
    public static final String PHOTO_URL = "/api/cases/photos/";

    public Dispatch {
        photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
    }

    public boolean returned() {
        return returnedAt != null;
    }

    /** The {@code case} object of the alert JSON (ARCHITECTURE 3.8's case, as the pages show it). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("department", new JsonObject().put("id", departmentId).put("name", departmentName))
                .put("dispatched_by", dispatchedBy)
                .put("dispatch_level", dispatchLevel.id())
                .put("note", note)
                .put("dispatched_at", text(dispatchedAt))
                .put("due_at", text(dueAt))
                .put("accepted_at", text(acceptedAt))
                .put("accepted_by", acceptedBy)
                .put("handled_at", text(handledAt))
                .put("handled_by", handledBy)
                .put("handle_note", handleNote)
                .put("shared", shared)
                .put("photos", photoIds.stream().map(photo -> PHOTO_URL + photo).toList())
                .put("returned_at", text(returnedAt))
                .put("return_reason", returnReason)
                .put("overdue_at", text(overdueAt))
                .put("verified_at", text(verifiedAt))
                .put("verified_by", verifiedBy);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
