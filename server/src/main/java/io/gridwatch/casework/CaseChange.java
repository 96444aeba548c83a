package io.gridwatch.casework;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEventType;
import io.gridwatch.geo.model.Level;

/**
 * A case step that committed: the alert and its dispatch afterwards, the event and its audit-trail id. Immutable.
 *
 * @param lowestLevel the lowest level of the alert's path whose people are told (with the department); null: all
 */
public record CaseChange(Alert alert, Dispatch dispatch, AlertEventType type, long eventId, Level lowestLevel) {

    /** The alert JSON with its {@code case}. */
    public io.vertx.core.json.JsonObject alertJson() {
        return alert.toJson().put("case", dispatch.toJson());
    }
}
