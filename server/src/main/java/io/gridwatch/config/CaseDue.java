package io.gridwatch.config;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

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
        durations = Map.copyOf(durations);
        for (Severity severity : Severity.values()) {
            Duration due = Objects.requireNonNull(durations.get(severity), () -> "no due time for " + severity);
            if (due.isNegative() || due.isZero()) {
                throw new ConfigException(VARIABLE + ": " + severity.id() + " must be positive, not " + due);
            }
        }
    }

    public Duration of(Severity severity) {
        return durations.get(severity);
    }

    /** Parses {@code severity=ISO-8601 duration} pairs separated by commas. */
    public static CaseDue parse(String text) {
        Map<Severity, Duration> durations = new EnumMap<>(DEFAULTS.durations);
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            Severity severity = Severity.fromId(parts[0].trim()).orElseThrow(() -> new ConfigException(
                    VARIABLE + ": unknown severity \"" + parts[0].trim() + "\" (use critical, major, minor)"));
            try {
                durations.put(severity, Duration.parse(parts.length < 2 ? "" : parts[1].trim()));
            } catch (DateTimeParseException e) {
                throw new ConfigException(VARIABLE + ": " + severity.id()
                        + " needs an ISO-8601 duration such as PT2H");
            }
        }
        return new CaseDue(durations);
    }
}
