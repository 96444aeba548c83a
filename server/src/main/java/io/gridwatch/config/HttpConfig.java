package io.gridwatch.config;

/** The HTTP server: port (0 = any free port), optional TLS (HTTPS) and the alert websocket's limits. */
public record HttpConfig(String host, int port, TlsConfig tls, WebSocketConfig websocket) {

    public static final int DEFAULT_PORT = 8080;

    /** With the default websocket limits. */
    public HttpConfig(String host, int port, TlsConfig tls) {
        this(host, port, tls, WebSocketConfig.DEFAULTS);
    }
}
