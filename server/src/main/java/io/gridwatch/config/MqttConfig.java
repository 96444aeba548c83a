package io.gridwatch.config;

import java.util.Optional;

/**
 * The MQTT side: the node's own endpoint (port, 0 = any free port, optional TLS, conventionally port 8883), broker
 * mode when the site's broker takes the devices ({@link BrokerConfig}), and the secret the broker presents to the
 * HTTP auth and ACL hooks ({@code /api/mqtt/auth}, {@code /api/mqtt/acl}; the hooks are off without one).
 */
public record MqttConfig(String host, int port, TlsConfig tls, Optional<BrokerConfig> broker,
        Optional<String> hookSecret) {

    public static final int DEFAULT_PORT = 1883;
    /** A shorter shared secret is guessable by whoever can reach the hooks. */
    static final int MIN_HOOK_SECRET_LENGTH = 24;

    /** The own endpoint alone: no broker, no hooks. */
    public MqttConfig(String host, int port, TlsConfig tls) {
        this(host, port, tls, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "MqttConfig[" + host + ":" + port + ", tls " + (tls != null) + ", broker " + broker
                + ", hooks " + (hookSecret.isPresent() ? "on" : "off") + "]";
    }

    static MqttConfig fromEnv(Env env, String host) {
        Optional<String> secret = env.text("GRIDWATCH_MQTT_HOOK_SECRET");
        if (secret.isPresent() && secret.get().length() < MIN_HOOK_SECRET_LENGTH) {
            throw new ConfigException("GRIDWATCH_MQTT_HOOK_SECRET must be at least " + MIN_HOOK_SECRET_LENGTH
                    + " characters (e.g. openssl rand -base64 32)");
        }
        return new MqttConfig(host, env.port("GRIDWATCH_MQTT_PORT", DEFAULT_PORT),
                GridwatchConfig.tls(env, "GRIDWATCH_MQTT_TLS_CERT", "GRIDWATCH_MQTT_TLS_KEY"),
                BrokerConfig.fromEnv(env), secret);
    }
}
