package io.gridwatch.config;

/** The HTTP server: port (0 = any free port) and optional TLS (HTTPS). */
public record HttpConfig(String host, int port, TlsConfig tls) {

    public static final int DEFAULT_PORT = 8080;
}
