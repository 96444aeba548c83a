package io.gridwatch.config;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

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
        durations = Map.copyOf(durations);
        for (Severity severity : Severity.values()) {
            Duration wait = Objects.requireNonNull(durations.get(severity), () -> "no escalation time for " + severity);
            if (wait.isNegative() || wait.isZero()) {
                throw new ConfigException("GRIDWATCH_ESCALATE_AFTER: " + severity.id() + " must be positive, not " + wait);
            }
        }
    }

    public Duration of(Severity severity) {
        return durations.get(severity);
    }

    /** Parses {@code severity=ISO-8601 duration} pairs separated by commas. */
    public static EscalateAfter parse(String text) {
        Map<Severity, Duration> durations = new EnumMap<>(DEFAULTS.durations);
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            Severity severity = Severity.fromId(parts[0].trim()).orElseThrow(() -> new ConfigException(
                    "GRIDWATCH_ESCALATE_AFTER: unknown severity \"" + parts[0].trim()
                            + "\" (use critical, major, minor)"));
            if (parts.length < 2) {
                throw new ConfigException("GRIDWATCH_ESCALATE_AFTER: " + severity.id() + " needs a duration, e.g. "
                        + severity.id() + "=PT5M");
            }
            try {
                durations.put(severity, Duration.parse(parts[1].trim()));
            } catch (DateTimeParseException e) {
                throw new ConfigException("GRIDWATCH_ESCALATE_AFTER: \"" + parts[1].trim()
                        + "\" is not an ISO-8601 duration (e.g. PT3M, PT2H, PT30S)");
            }
        }
        return new EscalateAfter(durations);
    }
}
