package io.gridwatch.config;

import java.util.Optional;

/**
 * The HTTP server: port (0 = any free port), optional TLS (HTTPS), the alert websocket's limits and, for the map
 * pages, an optional base map ({@code GRIDWATCH_TILES}, see {@link TileConfig}); without
 * one the map draws the grid on a plain background and needs nothing from outside; {@link HttpLimits} for slow and
 * greedy clients.
 */
public record HttpConfig(String host, int port, TlsConfig tls, WebSocketConfig websocket, Optional<TileConfig> tiles,
        HttpLimits limits) {

    public static final int DEFAULT_PORT = 8080;

    /** With the default websocket limits, connection limits and no tile layer. */
    public HttpConfig(String host, int port, TlsConfig tls) {
        this(host, port, tls, WebSocketConfig.DEFAULTS, Optional.empty());
    }

    /** With the default connection limits. */
    public HttpConfig(String host, int port, TlsConfig tls, WebSocketConfig websocket, Optional<TileConfig> tiles) {
        this(host, port, tls, websocket, tiles, HttpLimits.DEFAULTS);
    }
}
