package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void withoutABrokerUrlTheNodeTakesDevicesOnItsOwnListenerOnlyAndTheHooksAreOff() {
        MqttConfig mqtt = GridwatchConfig.fromEnv(Map.of()).mqtt();

        assertThat(mqtt.broker()).isEmpty();
        assertThat(mqtt.hookSecret()).isEmpty();
    }

    @Test
    void aBrokerUrlGivesHostPortTlsAndTheDocumentedDefaults() {
        BrokerConfig plain = broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://emqx.example"));
        BrokerConfig tls = broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtts://emqx.example:18883",
                "GRIDWATCH_MQTT_BROKER_CLIENT_ID", "gw-node-2", "GRIDWATCH_MQTT_BROKER_SESSION_EXPIRY", "PT2H"));

        assertThat(plain.address()).isEqualTo("mqtt://emqx.example:1883");
        assertThat(plain.tls()).isFalse();
        assertThat(plain.clientId()).startsWith("gridwatch-");
        assertThat(plain.sessionExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(tls.address()).isEqualTo("mqtts://emqx.example:18883");
        assertThat(tls.clientId()).isEqualTo("gw-node-2");
        assertThat(tls.sessionExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(BrokerConfig.sharedFilter()).isEqualTo("$share/gridwatch/devices/+/readings");
    }

    @Test
    void theBrokerPasswordIsNeverShownAndNeverTakenFromTheUrl() {
        BrokerConfig config = broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://emqx.example:1883",
                "GRIDWATCH_MQTT_BROKER_USERNAME", "gridwatch", "GRIDWATCH_MQTT_BROKER_PASSWORD", "pa55-w0rd"));

        assertThat(config.password()).contains("pa55-w0rd");
        assertThat(config.toString()).contains("gridwatch").doesNotContain("pa55-w0rd");
        assertThat(GridwatchConfig.fromEnv(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://emqx.example",
                "GRIDWATCH_MQTT_BROKER_USERNAME", "u", "GRIDWATCH_MQTT_BROKER_PASSWORD", "pa55-w0rd")).toString())
                .doesNotContain("pa55-w0rd");
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://user:s3cr3t@emqx.example")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_MQTT_BROKER_USERNAME")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void unusableBrokerSettingsAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "tcp://emqx.example:1883")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mqtt:// or mqtts://");
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://emqx.example/devices")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_MQTT_BROKER ");
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://b", "GRIDWATCH_MQTT_BROKER_CLIENT_ID",
                "has space"))).isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_MQTT_BROKER_CLIENT_ID");
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://b", "GRIDWATCH_MQTT_BROKER_PASSWORD",
                "p"))).isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_MQTT_BROKER_USERNAME");
        assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://b",
                "GRIDWATCH_MQTT_BROKER_SESSION_EXPIRY", "1d"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GRIDWATCH_MQTT_BROKER_SESSION_EXPIRY");
    }

    @Test
    void aCertificateAuthorityIsForTlsBrokersOnly() throws Exception {
        java.nio.file.Path ca = java.nio.file.Files.createTempFile("gw-ca-", ".pem");
        try {
            assertThat(broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtts://b", "GRIDWATCH_MQTT_BROKER_CA", ca.toString()))
                    .caFile()).contains(ca);
            assertThatThrownBy(() -> broker(Map.of("GRIDWATCH_MQTT_BROKER", "mqtt://b", "GRIDWATCH_MQTT_BROKER_CA",
                    ca.toString()))).isInstanceOf(ConfigException.class).hasMessageContaining("mqtts://");
        } finally {
            java.nio.file.Files.delete(ca);
        }
    }

    @Test
    void aShortHookSecretIsRefusedAndAGoodOneTurnsTheHooksOn() {
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_MQTT_HOOK_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_MQTT_HOOK_SECRET");
        assertThat(GridwatchConfig.fromEnv(Map.of("GRIDWATCH_MQTT_HOOK_SECRET", "x".repeat(24))).mqtt().hookSecret())
                .isEqualTo(Optional.of("x".repeat(24)));
        assertThat(GridwatchConfig.fromEnv(Map.of("GRIDWATCH_MQTT_HOOK_SECRET", "y".repeat(24))).toString())
                .doesNotContain("y".repeat(24));
    }

    private static BrokerConfig broker(Map<String, String> env) {
        return GridwatchConfig.fromEnv(env).mqtt().broker().orElseThrow();
    }
}
