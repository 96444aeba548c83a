package io.gridwatch.people;

/** Someone on the roster; the password is only ever held as a hash. */
public record Person(String username, String name, Role role, String unit, String phone, String passwordHash) {
}
