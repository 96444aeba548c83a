package io.gridwatch.department;

import io.gridwatch.error.ClientError;
import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One department in a {@code POST /api/departments} or {@code PUT /api/departments/{id}} body, checked field by
 * field: {@code {"id","name","handles":[…],"area"?,"notify"?}}. The area is checked against the grid by
 * {@link Departments}. Immutable.
 *
 * @param area null for the default (the district)
 */
public record DepartmentRequest(String id, String name, List<String> handles, String area, NotifyTarget notifyTarget) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Set<String> FIELDS = Set.of("id", "name", "handles", "area", "notify");
    private static final int MAX_NAME = 200;
    private static final int MAX_HANDLES = 50;

    /**
     * @param where names the item in error messages ({@code "department 2: "} in an array, empty alone)
     * @throws ClientError 400 naming the field and what is wrong
     */
    public static DepartmentRequest parse(JsonObject json, String where) {
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ClientError.badRequest(where + "unknown field \"" + field + "\"");
            }
        }
        if (!(json.getValue("id") instanceof String id) || !ID.matcher(id).matches()) {
            throw ClientError.badRequest(where + "id must be 1-64 characters of a-z 0-9 _ . - (e.g. \"fire_brigade\")");
        }
        if (!(json.getValue("name") instanceof String name) || name.isBlank() || name.length() > MAX_NAME) {
            throw ClientError.badRequest(where + "name is required, at most " + MAX_NAME + " characters");
        }
        Object area = json.getValue("area");
        if (area != null && !(area instanceof String)) {
            throw ClientError.badRequest(where + "area must be a grid unit id");
        }
        Object notify = json.getValue("notify");
        return new DepartmentRequest(id, name.strip(), handles(json.getValue("handles"), where), (String) area,
                notify == null ? null : NotifyTarget.parse(notify, where));
    }

    private static List<String> handles(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_HANDLES) {
            throw ClientError.badRequest(where + "handles must be an array of at most " + MAX_HANDLES
                    + " alert kinds and report categories");
        }
        Set<String> handles = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String handle) || !Handles.isKnown(handle)) {
                throw ClientError.badRequest(where + "handles: \"" + item + "\" is not an alert kind or report"
                        + " category (one of " + Handles.known() + ")");
            }
            handles.add(handle);
        }
        return new ArrayList<>(handles);
    }

    Department toDepartment(String defaultArea) {
        return new Department(id, name, handles, area == null ? defaultArea : area, notifyTarget);
    }
}
