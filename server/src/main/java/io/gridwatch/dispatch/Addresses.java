package io.gridwatch.dispatch;

/**
 * Event-bus addresses, built here and nowhere else. Per person, not per connection: every websocket a person has
 * open (a phone and a desk) consumes the same address, and a publish reaches all of them, on any node of a
 * clustered event bus.
 */
public final class Addresses {

    private static final String PERSON = "gridwatch.alerts.person.";

    private Addresses() {
    }

    /** Where the alert events for {@code username} go: websocket frames, as text. */
    public static String person(String username) {
        return PERSON + username;
    }
}
