package io.gridwatch.alert;

import io.vertx.core.json.JsonObject;

/**
 * What raised an alert: a device or a resident's report, exactly one of the two. Immutable.
 *
 * @param device the device id, or null
 * @param report the report id, or null
 */
public record AlertSource(String device, String report) {

    public AlertSource {
        if ((device == null) == (report == null)) {
            throw new IllegalArgumentException("an alert has exactly one source, a device or a report");
        }
    }

    public static AlertSource device(String id) {
        return new AlertSource(id, null);
    }

    public static AlertSource report(String id) {
        return new AlertSource(null, id);
    }

    /** {@code {"device": id}} or {@code {"report": id}}, as in the alert JSON. */
    public JsonObject toJson() {
        return device != null ? new JsonObject().put("device", device) : new JsonObject().put("report", report);
    }
}
