package io.gridwatch.config;

import java.time.Duration;

/**
 * What one HTTP client may hold of the server: slow-loris clients (headers or a body dribbled a byte at
 * a time) and idle or piled-up connections are cut. Immutable.
 *
 * @param headerTimeout from a connection's start (or its previous response) to a request's complete headers
 *     ({@code GRIDWATCH_HTTP_HEADER_TIMEOUT}, default 10 s)
 * @param bodyTimeout from a request's headers to the end of its body ({@code GRIDWATCH_HTTP_BODY_TIMEOUT}, default
 *     120 s: a 10 MiB photo over a slow phone link)
 * @param idleTimeout a connection with nothing read or written for this long is closed
 *     ({@code GRIDWATCH_HTTP_IDLE_TIMEOUT}, default 30 s; websockets stay open through the server's pings)
 * @param connectionsPerAddress open connections one client address may hold; more are closed at once
 *     ({@code GRIDWATCH_HTTP_MAX_CONNECTIONS_PER_ADDRESS}, default 512; raise it behind a proxy that does not
 *     keep its own connections few)
 * @param proxyProtocol whose address the limits above, the log-in throttle and the report rate count: with
 *     {@code GRIDWATCH_PROXY_PROTOCOL=true} every connection must open with HAProxy's PROXY header (v1 or v2), and
 *     the client's own address is taken from it; otherwise (the default) the connection's address, which behind a
 *     proxy is the proxy's for every client
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int connectionsPerAddress,
        boolean proxyProtocol) {

    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(30), 512, false);

    static HttpLimits fromEnv(Env env) {
        return new HttpLimits(
                env.positiveDuration("GRIDWATCH_HTTP_HEADER_TIMEOUT", DEFAULTS.headerTimeout),
                env.positiveDuration("GRIDWATCH_HTTP_BODY_TIMEOUT", DEFAULTS.bodyTimeout),
                env.positiveDuration("GRIDWATCH_HTTP_IDLE_TIMEOUT", DEFAULTS.idleTimeout),
                env.positiveInt("GRIDWATCH_HTTP_MAX_CONNECTIONS_PER_ADDRESS", DEFAULTS.connectionsPerAddress),
                env.flag("GRIDWATCH_PROXY_PROTOCOL"));
    }
}
