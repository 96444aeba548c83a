package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GridwatchConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GridwatchConfig config = GridwatchConfig.fromEnv(Map.of());

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.mqtt().port()).isEqualTo(1883);
        assertThat(config.db()).isEmpty();
        assertThat(config.grid()).isEmpty();
        assertThat(config.http().tls()).isNull();
        assertThat(config.http().tiles()).isEmpty();
    }

    @Test
    void aTileUrlSwitchesOnTheMapsBaseLayer() {
        GridwatchConfig config = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_TILE_URL", " https://tiles.example/{z}/{x}/{y}.png "));

        assertThat(config.http().tiles()).contains(new TileConfig("https://tiles.example/{z}/{x}/{y}.png", "wgs84", "",
                19));
    }

    @Test
    void tilesNameTheirCrsMaxZoomAndAnAttributionThatMayHoldSemicolons() {
        GridwatchConfig config = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_TILES",
                "https://gcj.example/{z}/{x}/{y}.png; crs=GCJ02 ;maxzoom=18;attribution=&copy; 高德 GS(2023)1234; 审图号"));

        assertThat(config.http().tiles()).contains(new TileConfig("https://gcj.example/{z}/{x}/{y}.png", "gcj02",
                "&copy; 高德 GS(2023)1234; 审图号", 18));
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_TILES", "https://x/{z}/{x}/{y}.png;crs=bd09")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("wgs84 or gcj02");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_TILES", "https://x/tiles.png")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("{z}");
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_TILES", "https://x/{z}/{x}/{y}.png;zoom=3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown part");
    }

    @Test
    void websocketLimitsDefaultToFiveTwentySixtySecondsAndAreSetThroughTheEnvironment() {
        WebSocketConfig defaults = GridwatchConfig.fromEnv(Map.of()).http().websocket();
        WebSocketConfig set = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_WS_PING_EVERY", "PT0.5S",
                "GRIDWATCH_WS_SEND_QUEUE_BYTES", "4096")).http().websocket();

        assertThat(defaults).isEqualTo(new WebSocketConfig(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(60), 512 * 1024));
        assertThat(set.pingEvery()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(set.sendQueueBytes()).isEqualTo(4096);
        assertThat(set.idleLimit()).isEqualTo(defaults.idleLimit());
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_WS_IDLE_LIMIT", "60")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("GRIDWATCH_WS_IDLE_LIMIT");
    }

    @Test
    void theProxyProtocolIsOffUnlessSaidAndOnlyTrueOrFalseAreUnderstood() {
        assertThat(GridwatchConfig.fromEnv(Map.of()).http().limits().proxyProtocol()).isFalse();
        assertThat(GridwatchConfig.fromEnv(Map.of("GRIDWATCH_PROXY_PROTOCOL", "true")).http().limits().proxyProtocol())
                .isTrue();
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_PROXY_PROTOCOL", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GRIDWATCH_PROXY_PROTOCOL must be true or false, got \"yes\"");
    }

    @Test
    void aBadPortNamesTheVariable() {
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_MQTT_PORT", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GRIDWATCH_MQTT_PORT must be a port number from 0 (any free port) to 65535, got \"70000\"");
    }

    @Test
    void aShortJwtSecretIsRefused() {
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_JWT_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> GridwatchConfig.fromEnv(Map.of("GRIDWATCH_HTTP_TLS_CERT", "pom.xml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GRIDWATCH_HTTP_TLS_CERT and GRIDWATCH_HTTP_TLS_KEY go together: set both or neither");
    }

    @Test
    void theDatabaseUrlIsParsedAndItsPasswordNeverShown() {
        GridwatchConfig config = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_DB_URL", "postgresql://gw:s3cret@db:5433/grid"));

        assertThat(config.db()).hasValueSatisfying(db -> {
            assertThat(db.host()).isEqualTo("db");
            assertThat(db.port()).isEqualTo(5433);
            assertThat(db.toString()).doesNotContain("s3cret");
        });
    }
}
