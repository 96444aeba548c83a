package io.gridwatch.rules;

import io.gridwatch.config.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of the rules' environment variables; errors name the variable. */
final class SettingValues {

    // "m" is refused on purpose: next to lengths in metres, "10m" would be ambiguous
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    private final Map<String, String> vars;

    SettingValues(Map<String, String> vars) {
        this.vars = vars;
    }

    double number(String name, double fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a number, got \"" + value + "\"");
    }

    int whole(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got \"" + value + "\"");
        }
    }

    Duration duration(String name, Duration fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalidDuration(name, value);
            }
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw invalidDuration(name, value);
        }
        try {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalidDuration(name, value);
        }
    }

    private String text(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ConfigException invalidDuration(String name, String value) {
        return new ConfigException(name + " must be a duration such as 500ms, 90s, 10min, 2h or PT10M, got \""
                + value + "\"");
    }
}
