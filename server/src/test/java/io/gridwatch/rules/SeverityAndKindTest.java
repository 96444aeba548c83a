package io.gridwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Severity;
import org.junit.jupiter.api.Test;

class SeverityAndKindTest {

    @Test
    void severitiesOrderFromMinorToCritical() {
        assertThat(Severity.values()).containsExactly(Severity.MINOR, Severity.MAJOR, Severity.CRITICAL);
        assertThat(Severity.CRITICAL.isAtLeast(Severity.MAJOR)).isTrue();
        assertThat(Severity.MINOR.isAtLeast(Severity.MAJOR)).isFalse();
        assertThat(Severity.max(Severity.MAJOR, Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.max(null, Severity.MINOR)).isEqualTo(Severity.MINOR);
    }

    @Test
    void idsAreTheOnesOfTheApi() {
        assertThat(Severity.CRITICAL.id()).isEqualTo("critical");
        assertThat(Severity.fromId("major")).contains(Severity.MAJOR);
        assertThat(Severity.fromId("MAJOR")).isEmpty();
        assertThat(AlertKind.WATER_LEVEL.id()).isEqualTo("water_level");
        assertThat(AlertKind.fromId("report")).contains(AlertKind.REPORT);
        assertThat(AlertKind.fromId("fire")).isEmpty();
    }
}
