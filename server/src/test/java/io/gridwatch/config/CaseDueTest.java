package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.model.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaseDueTest {

    @Test
    void aSettingThatNamesOneSeverityKeepsTheDefaultDueTimesForTheOthers() {
        CaseDue parsed = CaseDue.parse("major=PT8H");

        assertThat(parsed.of(Severity.CRITICAL)).isEqualTo(Duration.ofHours(2));
        assertThat(parsed.of(Severity.MAJOR)).isEqualTo(Duration.ofHours(8));
        assertThat(parsed.of(Severity.MINOR)).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void aBadDueTimeIsRefusedWithItsOwnVariableNamed() {
        assertThatThrownBy(() -> CaseDue.parse("critical=2h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(CaseDue.VARIABLE)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> CaseDue.parse("minor=-PT1H"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(CaseDue.VARIABLE)
                .hasMessageContaining("positive");
    }
}
