package io.gridwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        RuleSettings settings = RuleSettings.fromEnv(Map.of());

        assertThat(settings).isEqualTo(RuleSettings.DEFAULTS);
        assertThat(settings.smokeObscuration()).isEqualTo(4.0);
        assertThat(settings.riseAmount()).isEqualTo(0.10);
        assertThat(settings.riseWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.clearMargin()).isEqualTo(0.05);
        assertThat(settings.clearHold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.offlineAfter()).isEqualTo(3.0);
        assertThat(settings.offlineDefaultInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.offlineMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.batteryLow()).isEqualTo(15);
        assertThat(settings.batteryClearAt()).isEqualTo(20);
    }

    @Test
    void everyVariableIsReadWithItsUnit() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("GRIDWATCH_SMOKE_OBSCURATION", "3.5"),
                Map.entry("GRIDWATCH_SMOKE_CLEAR_HOLD", "0"),
                Map.entry("GRIDWATCH_WATER_RISE_M", " 0.2 "),
                Map.entry("GRIDWATCH_WATER_RISE_WINDOW", "15min"),
                Map.entry("GRIDWATCH_WATER_CLEAR_MARGIN_M", "0.03"),
                Map.entry("GRIDWATCH_WATER_CLEAR_HOLD", "PT20M"),
                Map.entry("GRIDWATCH_OFFLINE_AFTER", "2.5"),
                Map.entry("GRIDWATCH_OFFLINE_DEFAULT_INTERVAL", "2h"),
                Map.entry("GRIDWATCH_OFFLINE_MIN_INTERVAL", "1500ms"),
                Map.entry("GRIDWATCH_BATTERY_LOW", "10"),
                Map.entry("GRIDWATCH_BATTERY_CLEAR_MARGIN", "10"));

        RuleSettings settings = RuleSettings.fromEnv(env);

        assertThat(settings).isEqualTo(new RuleSettings(3.5, Duration.ZERO, 0.2, Duration.ofMinutes(15), 0.03,
                Duration.ofMinutes(20), 2.5, Duration.ofHours(2), Duration.ofMillis(1500), 10, 10));
    }

    @Test
    void aBlankVariableTakesTheDefault() {
        assertThat(RuleSettings.fromEnv(Map.of("GRIDWATCH_BATTERY_LOW", "  ")).batteryLow()).isEqualTo(15);
    }

    @Test
    void aBadValueIsRefusedNamingItsVariable() {
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_WATER_RISE_M", "ten cm")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_WATER_RISE_M");
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_WATER_CLEAR_HOLD", "10m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_WATER_CLEAR_HOLD")
                .hasMessageContaining("10min");
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_BATTERY_LOW", "15.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_BATTERY_LOW");
    }

    @Test
    void aValueOutOfRangeIsRefused() {
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_OFFLINE_AFTER", "0.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("offline multiple");
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_SMOKE_OBSCURATION", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("smoke obscuration");
        assertThatThrownBy(() -> RuleSettings.fromEnv(Map.of("GRIDWATCH_BATTERY_LOW", "98")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("battery clear margin");
    }
}
