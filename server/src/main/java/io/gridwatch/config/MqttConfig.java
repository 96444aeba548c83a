package io.gridwatch.config;

/** The MQTT endpoint: port (0 = any free port) and optional TLS (conventionally port 8883). */
public record MqttConfig(String host, int port, TlsConfig tls) {

    public static final int DEFAULT_PORT = 1883;
}
