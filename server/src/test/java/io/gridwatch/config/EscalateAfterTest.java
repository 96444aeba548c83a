package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalateAfterTest {

    @Test
    void theDefaultsAreThreeMinutesFifteenMinutesAndTwoHours() {
        EscalateAfter defaults = GridwatchConfig.fromEnv(Map.of()).escalateAfter();

        assertThat(defaults.of(Severity.CRITICAL)).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.of(Severity.MAJOR)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.of(Severity.MINOR)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aSettingThatNamesSomeSeveritiesKeepsTheDefaultsForTheOthers() {
        EscalateAfter parsed = GridwatchConfig.fromEnv(Map.of("GRIDWATCH_ESCALATE_AFTER", " critical=PT30S , minor=P1D"))
                .escalateAfter();

        assertThat(parsed.of(Severity.CRITICAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(parsed.of(Severity.MAJOR)).isEqualTo(Duration.ofMinutes(15));
        assertThat(parsed.of(Severity.MINOR)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anUnknownSeverityABadDurationOrAZeroWaitIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> EscalateAfter.parse("urgent=PT1M"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GRIDWATCH_ESCALATE_AFTER")
                .hasMessageContaining("urgent");
        assertThatThrownBy(() -> EscalateAfter.parse("critical=3m"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> EscalateAfter.parse("major=PT0S"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> EscalateAfter.parse("major"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a duration");
    }
}
