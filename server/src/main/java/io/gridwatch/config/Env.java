package io.gridwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

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
        return checked(name, fallback, Integer::parseInt, port -> port >= 0 && port <= 65535,
                "a port number from 0 (any free port) to 65535");
    }

    /** A positive ISO-8601 duration ({@code PT10S}), or {@code fallback} when unset. */
    Duration positiveDuration(String name, Duration fallback) {
        return checked(name, fallback, Duration::parse, duration -> !duration.isNegative() && !duration.isZero(),
                "a positive ISO-8601 duration (e.g. PT10S, PT1M)");
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
        return checked(name, fallback, Integer::parseInt, n -> n >= 1, "a whole number of at least 1");
    }

    /**
     * The variable parsed and accepted, or {@code fallback} when unset; otherwise a {@link ConfigException} saying it
     * must be {@code expected} and what it got.
     */
    private <T> T checked(String name, T fallback, Function<String, T> parse, Predicate<T> valid, String expected) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            T parsed = parse.apply(value.get());
            if (valid.test(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(name + " must be " + expected + ", got \"" + value.get() + "\"");
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
