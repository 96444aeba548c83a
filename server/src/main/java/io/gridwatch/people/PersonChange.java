package io.gridwatch.people;

import io.gridwatch.error.ClientError;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code PATCH /api/people/{username}} body: any of {@code name}, {@code phone} (null clears it),
 * {@code role} and {@code unit} (checked together against the grid by {@link Roster}), {@code password}.
 * Absent fields keep their value. Immutable.
 */
public record PersonChange(Optional<String> name, Optional<Optional<String>> phone, Optional<Role> role,
        Optional<String> unit, Optional<String> password) {

    private static final Set<String> FIELDS = Set.of("name", "phone", "role", "unit", "password");

    /** @throws ClientError 400 naming the field */
    public static PersonChange parse(JsonObject json) {
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ClientError.badRequest("unknown field \"" + field + "\" (send any of name, phone, role, unit, password)");
            }
        }
        if (json.isEmpty()) {
            throw ClientError.badRequest("send at least one of name, phone, role, unit, password");
        }
        Optional<String> name = present(json, "name", PersonRequest.MAX_NAME);
        Optional<Optional<String>> phone = json.containsKey("phone")
                ? Optional.of(Optional.ofNullable(PersonRequest.text(json, "phone", "", false, PersonRequest.MAX_PHONE)))
                : Optional.empty();
        Optional<Role> role = present(json, "role", PersonRequest.MAX_UNIT).map(id -> Role.fromId(id).orElseThrow(() ->
                ClientError.badRequest("role \"" + id + "\" is not one of " + Role.ids())));
        Optional<String> unit = present(json, "unit", PersonRequest.MAX_UNIT);
        Optional<String> password = present(json, "password", PersonRequest.MAX_PASSWORD_LENGTH)
                .map(p -> PersonRequest.password(p, ""));
        return new PersonChange(name, phone, role, unit, password);
    }

    private static Optional<String> present(JsonObject json, String field, int max) {
        return json.containsKey(field) ? Optional.of(PersonRequest.text(json, field, "", true, max)) : Optional.empty();
    }

    /** A change of nothing but the password (whose hash {@link #applyTo} is given). */
    static PersonChange passwordOnly() {
        return new PersonChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The person with this change applied (the password hash is the caller's to set). */
    Person applyTo(Person person, String passwordHash) {
        return new Person(person.username(), name.orElse(person.name()), role.orElse(person.role()),
                unit.orElse(person.unit()), phone.isPresent() ? phone.get().orElse(null) : person.phone(), passwordHash);
    }
}
