package io.gridwatch.config;

import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A duration per severity as a setting spells it ({@code critical=PT3M,major=PT15M,minor=PT2H}): checked and parsed in
 * one place for {@link EscalateAfter} and {@link CaseDue}. Every error is a {@link ConfigException} naming the variable.
 */
final class SeverityDurations {

    private SeverityDurations() {
    }

    /** An immutable copy, with every severity present and positive. */
    static Map<Severity, Duration> checked(String variable, Map<Severity, Duration> durations) {
        Map<Severity, Duration> copy = Map.copyOf(durations);
        for (Severity severity : Severity.values()) {
            Duration duration = copy.get(severity);
            if (duration == null) {
                throw new ConfigException(variable + ": no duration for " + severity.id());
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigException(variable + ": " + severity.id() + " must be positive, not " + duration);
            }
        }
        return copy;
    }

    /** {@code defaults} with the comma-separated {@code severity=ISO-8601 duration} pairs of {@code text} over them. */
    static Map<Severity, Duration> parse(String variable, String text, Map<Severity, Duration> defaults) {
        Map<Severity, Duration> durations = new EnumMap<>(defaults);
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            Severity severity = Severity.fromId(parts[0].trim()).orElseThrow(() -> new ConfigException(
                    variable + ": unknown severity \"" + parts[0].trim() + "\" (use critical, major, minor)"));
            if (parts.length < 2) {
                throw new ConfigException(variable + ": " + severity.id() + " needs a duration, e.g. "
                        + severity.id() + "=PT5M");
            }
            try {
                durations.put(severity, Duration.parse(parts[1].trim()));
            } catch (DateTimeParseException e) {
                throw new ConfigException(variable + ": \"" + parts[1].trim()
                        + "\" is not an ISO-8601 duration (e.g. PT3M, PT2H, PT30S)");
            }
        }
        return durations;
    }
}
