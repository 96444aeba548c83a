package io.gridwatch.outbox;

import java.time.Duration;

/**
 * How the outbox relay works: how often it looks for due messages, how long it waits for a receiver, the longest
 * back-off between attempts and after how many attempts a message is given up. Immutable.
 */
public record OutboxConfig(Duration period, Duration timeout, Duration maxBackoff, int maxAttempts) {

    public static final OutboxConfig DEFAULTS = new OutboxConfig(Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofMinutes(5), 300);

    public OutboxConfig withMaxBackoff(Duration max) {
        return new OutboxConfig(period, timeout, max, maxAttempts);
    }
}
