package io.gridwatch.config;

import java.nio.file.Path;

/** A PEM certificate chain and its private key, for MQTT over TLS or HTTPS. */
public record TlsConfig(Path certificate, Path key) {
}
