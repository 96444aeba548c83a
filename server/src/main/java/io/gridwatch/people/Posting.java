package io.gridwatch.people;

/** A person's place on the roster: who answers, in what role, for which grid unit. Immutable. */
public record Posting(String username, Role role, String unit) {

    /** Whether the person answers for alerts routed to their unit (see {@link Role#answersForAlerts()}). */
    public boolean answersForAlerts() {
        return role.answersForAlerts();
    }
}
