package io.gridwatch.config;

/** A setting that cannot be used; the message names the variable and what is expected. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
