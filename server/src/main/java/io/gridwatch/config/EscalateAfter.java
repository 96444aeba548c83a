package io.gridwatch.config;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * How long an unacknowledged alert waits at one level before it climbs to the next, per severity
 * ({@code GRIDWATCH_ESCALATE_AFTER}, e.g. {@code critical=PT3M,major=PT15M,minor=PT2H}, the defaults). A setting that
 * names only some severities keeps the defaults for the others. Immutable.
 */
public record EscalateAfter(Map<Severity, Duration> durations) {

    public static final EscalateAfter DEFAULTS = new EscalateAfter(Map.of(
            Severity.CRITICAL, Duration.ofMinutes(3),
            Severity.MAJOR, Duration.ofMinutes(15),
            Severity.MINOR, Duration.ofHours(2)));

    public EscalateAfter {
        durations = SeverityDurations.checked("GRIDWATCH_ESCALATE_AFTER", durations);
    }

    public Duration of(Severity severity) {
        return durations.get(severity);
    }

    /** Parses {@code severity=ISO-8601 duration} pairs separated by commas; severities not named keep the defaults. */
    public static EscalateAfter parse(String text) {
        return new EscalateAfter(SeverityDurations.parse("GRIDWATCH_ESCALATE_AFTER", text, DEFAULTS.durations));
    }
}
