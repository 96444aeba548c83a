package io.gridwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
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
