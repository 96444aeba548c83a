package io.gridwatch.device;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Thresholds;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One device in a {@code POST /api/devices} body, checked field by field:
 * {@code {"id", "kind", "lon", "lat", "crs"?, "name"?, "thresholds"?: {"warn", "danger"}}}.
 */
public record DeviceRequest(String id, SensorKind kind, double lon, double lat, Crs crs, String name,
        Thresholds thresholds) {

    /** Ids become MQTT usernames and topic levels: no '/', '+', '#', spaces or control characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_NAME = 200;
    private static final Set<String> FIELDS = Set.of("id", "kind", "lon", "lat", "crs", "name", "thresholds");

    /**
     * @param where names the item in error messages ({@code "device 3: "} in an array, empty alone)
     * @throws ClientError 400 naming the field and what is wrong
     */
    public static DeviceRequest parse(JsonObject json, String where) {
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ClientError.badRequest(where + "unknown field \"" + field + "\" (expected " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String id = string(json, "id", where);
        if (!ID.matcher(id).matches()) {
            throw ClientError.badRequest(where + "id must be 1-64 characters of A-Z a-z 0-9 . _ : -, got \"" + id + "\"");
        }
        String kindId = string(json, "kind", where);
        SensorKind kind = KindRegistry.fromId(kindId).orElseThrow(() ->
                ClientError.badRequest(where + "kind must be one of " + KindRegistry.ids() + ", got \"" + kindId + "\""));
        double lon = number(json, "lon", where, -180, 180);
        double lat = number(json, "lat", where, -90, 90);
        Crs crs;
        try {
            crs = json.getValue("crs") == null ? Crs.WGS84 : Crs.parse(String.valueOf(json.getValue("crs")));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest(where + "crs: " + e.getMessage());
        }
        Object name = json.getValue("name");
        if (name != null && (!(name instanceof String text) || text.length() > MAX_NAME)) {
            throw ClientError.badRequest(where + "name must be a string of at most " + MAX_NAME + " characters");
        }
        Thresholds own = thresholds(json, where);
        try {
            // a device's own line must still sit right against the kind's default for the line it leaves unset
            kind.defaults().over(own);
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest(where + e.getMessage() + " (with the " + kind.id() + " default)");
        }
        return new DeviceRequest(id, kind, lon, lat, crs, (String) name, own);
    }

    private static Thresholds thresholds(JsonObject json, String where) {
        Object value = json.getValue("thresholds");
        if (value == null) {
            return Thresholds.NONE;
        }
        if (!(value instanceof JsonObject t)) {
            throw ClientError.badRequest(where + "thresholds must be an object {\"warn\", \"danger\"}");
        }
        try {
            return new Thresholds(optionalNumber(t, "warn", where), optionalNumber(t, "danger", where));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest(where + e.getMessage());
        }
    }

    private static String string(JsonObject json, String field, String where) {
        Object value = json.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw ClientError.badRequest(where + "\"" + field + "\" is required and must be a string");
        }
        return s;
    }

    private static double number(JsonObject json, String field, String where, double min, double max) {
        Object value = json.getValue(field);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw ClientError.badRequest(where + "\"" + field + "\" is required and must be a number");
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw ClientError.badRequest(where + "\"" + field + "\" must be between " + (int) min + " and " + (int) max + ", got " + d);
        }
        return d;
    }

    private static Double optionalNumber(JsonObject json, String field, String where) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw ClientError.badRequest(where + "thresholds." + field + " must be a number");
        }
        return n.doubleValue();
    }
}
