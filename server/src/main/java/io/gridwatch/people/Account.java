package io.gridwatch.people;

/**
 * A person as log-in sees them: the roster entry, the version that tokens must carry (moved by every
 * change to the person), and whether they may log in at all.
 */
public record Account(Person person, int tokenVersion, boolean disabled) {
}
