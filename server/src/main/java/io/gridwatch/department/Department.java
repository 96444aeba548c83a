package io.gridwatch.department;

import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A department that carries out what the grid orders (fire brigade, water affairs, gas company, …). Immutable.
 *
 * @param handles the alert kinds and report categories it takes by default, within its area
 * @param area the grid unit it serves (the district unless narrower)
 * @param notifyTarget where its case events go, or null
 */
public record Department(String id, String name, List<String> handles, String area, NotifyTarget notifyTarget) {

    public Department {
        handles = List.copyOf(handles);
    }

    /** The API's view: the notify secret is never shown, and the URL without its query. */
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("handles", new JsonArray(handles))
                .put("area", area).put("notify", notifyTarget == null ? null : notifyTarget.toPublicJson());
    }
}
