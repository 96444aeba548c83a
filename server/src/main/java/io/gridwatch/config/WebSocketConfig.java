package io.gridwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The alert websocket's limits. Immutable.
 *
 * @param authTimeout how long a new connection may take to send its auth message ({@code GRIDWATCH_WS_AUTH_TIMEOUT},
 *     default 5 s)
 * @param pingEvery how often the server pings ({@code GRIDWATCH_WS_PING_EVERY}, default 20 s)
 * @param idleLimit a connection not heard from (pong or any frame) for this long is closed
 *     ({@code GRIDWATCH_WS_IDLE_LIMIT}, default 60 s)
 * @param sendQueueBytes the bytes that may wait to be sent to one client; a client that lets more pile up is closed
 *     ({@code GRIDWATCH_WS_SEND_QUEUE_BYTES}, default 512 KiB)
 */
public record WebSocketConfig(Duration authTimeout, Duration pingEvery, Duration idleLimit, int sendQueueBytes) {

    public static final WebSocketConfig DEFAULTS = new WebSocketConfig(Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofSeconds(60), 512 * 1024);

    public WebSocketConfig {
        positive("GRIDWATCH_WS_AUTH_TIMEOUT", authTimeout);
        positive("GRIDWATCH_WS_PING_EVERY", pingEvery);
        positive("GRIDWATCH_WS_IDLE_LIMIT", idleLimit);
        if (sendQueueBytes < 1) {
            throw new ConfigException("GRIDWATCH_WS_SEND_QUEUE_BYTES must be positive, not " + sendQueueBytes);
        }
    }

    static WebSocketConfig fromEnv(Env env) {
        return new WebSocketConfig(
                env.text("GRIDWATCH_WS_AUTH_TIMEOUT").map(v -> duration("GRIDWATCH_WS_AUTH_TIMEOUT", v))
                        .orElse(DEFAULTS.authTimeout),
                env.text("GRIDWATCH_WS_PING_EVERY").map(v -> duration("GRIDWATCH_WS_PING_EVERY", v))
                        .orElse(DEFAULTS.pingEvery),
                env.text("GRIDWATCH_WS_IDLE_LIMIT").map(v -> duration("GRIDWATCH_WS_IDLE_LIMIT", v))
                        .orElse(DEFAULTS.idleLimit),
                env.text("GRIDWATCH_WS_SEND_QUEUE_BYTES").map(WebSocketConfig::bytes).orElse(DEFAULTS.sendQueueBytes));
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(name + ": \"" + value + "\" is not an ISO-8601 duration (e.g. PT5S, PT1M)");
        }
    }

    private static int bytes(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("GRIDWATCH_WS_SEND_QUEUE_BYTES must be a whole number of bytes, got \"" + value
                    + "\"");
        }
    }

    private static void positive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigException(name + " must be positive, not " + duration);
        }
    }
}
