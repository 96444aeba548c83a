package io.gridwatch.web;

import io.gridwatch.alert.Alert;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to send after a snapshot of the frames that arrived while it was loading: a frame about an alert the snapshot
 * already shows as it was at that change or later (the snapshot's {@code updated_at} is not older than the event's)
 * is stale and dropped; everything else goes, in arrival order. Pure and stateless.
 */
final class SnapshotMerge {

    private SnapshotMerge() {
    }

    static List<String> fresh(List<Alert> snapshot, List<String> buffered) {
        if (buffered.isEmpty()) {
            return buffered;
        }
        Map<String, Instant> shown = new HashMap<>();
        snapshot.forEach(alert -> shown.put(alert.idString(), alert.updatedAt()));
        List<String> fresh = new ArrayList<>(buffered.size());
        for (String frame : buffered) {
            if (!isStale(frame, shown)) {
                fresh.add(frame);
            }
        }
        return fresh;
    }

    private static boolean isStale(String frame, Map<String, Instant> shown) {
        try {
            JsonObject alert = new JsonObject(frame).getJsonObject("alert");
            if (alert == null) {
                return false;
            }
            Instant inSnapshot = shown.get(alert.getString("id"));
            String updated = alert.getString("updated_at");
            return inSnapshot != null && updated != null && !inSnapshot.isBefore(Instant.parse(updated));
        } catch (DecodeException | ClassCastException | DateTimeParseException e) {
            return false;
        }
    }
}
