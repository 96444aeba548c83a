package io.gridwatch.config;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * How long a department has for a case when the dispatcher gives no due time, per severity
 * ({@code GRIDWATCH_CASE_DUE}, e.g. {@code critical=PT2H,major=PT24H,minor=PT72H}, the defaults). A setting that names
 * only some severities keeps the defaults for the others. Immutable.
 */
public record CaseDue(Map<Severity, Duration> durations) {

    public static final String VARIABLE = "GRIDWATCH_CASE_DUE";
    public static final CaseDue DEFAULTS = new CaseDue(Map.of(
            Severity.CRITICAL, Duration.ofHours(2),
            Severity.MAJOR, Duration.ofHours(24),
            Severity.MINOR, Duration.ofHours(72)));

    public CaseDue {
        durations = SeverityDurations.checked(VARIABLE, durations);
    }

    public Duration of(Severity severity) {
        return durations.get(severity);
    }

    /** Parses {@code severity=ISO-8601 duration} pairs separated by commas; severities not named keep the defaults. */
    public static CaseDue parse(String text) {
        return new CaseDue(SeverityDurations.parse(VARIABLE, text, DEFAULTS.durations));
    }
}
