package io.gridwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Typed reads of environment variables, with errors that name the variable. */
final class Env {

    private final Map<String, String> vars;

    Env(Map<String, String> vars) {
        this.vars = vars;
    }

    Optional<String> text(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    int port(String name, int fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a port number from 0 (any free port) to 65535, got \"" + value.get() + "\"");
    }

    /** A positive ISO-8601 duration ({@code PT10S}), or {@code fallback} when unset. */
    Duration positiveDuration(String name, Duration fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.get());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a positive ISO-8601 duration (e.g. PT10S, PT1M), got \""
                + value.get() + "\"");
    }

    /** {@code true} or {@code false}; false when unset. */
    boolean flag(String name) {
        Optional<String> value = text(name);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        throw new ConfigException(name + " must be true or false, got \"" + value.get() + "\"");
    }

    /** A whole number of at least 1, or {@code fallback} when unset. */
    int positiveInt(String name, int fallback) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number of at least 1, got \"" + value.get() + "\"");
    }

    Optional<Path> readableFile(String name) {
        return text(name).map(value -> {
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                throw new ConfigException(name + ": cannot read the file \"" + value + "\"");
            }
            return path;
        });
    }
}
