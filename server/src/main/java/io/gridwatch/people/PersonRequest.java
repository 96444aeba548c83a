package io.gridwatch.people;

import io.gridwatch.error.ClientError;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One person in a {@code POST /api/people} body, checked field by field:
 * {@code {"username","password","name","role","unit","phone"?}}. The unit is checked against the
 * grid by {@link Roster}.
 */
public record PersonRequest(String username, String password, String name, Role role, String unit, String phone) {

    static final int MIN_PASSWORD_LENGTH = 8;
    /** A password longer than this is not a password but a way to make PBKDF2 work harder. */
    static final int MAX_PASSWORD_LENGTH = 256;
    static final int MAX_NAME = 100;
    static final int MAX_PHONE = 32;
    static final int MAX_UNIT = 64;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");
    private static final Set<String> FIELDS = Set.of("username", "password", "name", "role", "unit", "phone");

    /**
     * @param where names the item in error messages ({@code "person 3: "} in an array, empty alone)
     * @throws ClientError 400 naming the field and what is wrong
     */
    public static PersonRequest parse(JsonObject json, String where) {
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ClientError.badRequest(where + "unknown field \"" + field + "\"");
            }
        }
        String username = text(json, "username", where, true, MAX_UNIT);
        if (!USERNAME.matcher(username).matches()) {
            throw ClientError.badRequest(where + "username must be 2-64 characters of A-Z a-z 0-9 . _ @ -");
        }
        String password = password(text(json, "password", where, true, MAX_PASSWORD_LENGTH), where);
        String roleId = text(json, "role", where, true, MAX_UNIT);
        Role role = Role.fromId(roleId).orElseThrow(() -> ClientError.badRequest(where + "role \"" + roleId
                + "\" is not one of cell_worker, sector_leader, community, subdistrict, district, rescue, admin"));
        return new PersonRequest(username, password, text(json, "name", where, true, MAX_NAME), role,
                text(json, "unit", where, true, MAX_UNIT), text(json, "phone", where, false, MAX_PHONE));
    }

    static String password(String password, String where) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ClientError.badRequest(where + "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    static String text(JsonObject json, String field, String where, boolean required, int maxLength) {
        Object value = json.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || (required && s.isBlank())) {
            throw ClientError.badRequest(where + "\"" + field + "\" is required and must be a string");
        }
        if (s.length() > maxLength) {
            throw ClientError.badRequest(where + "\"" + field + "\" is at most " + maxLength + " characters");
        }
        return s;
    }
}
