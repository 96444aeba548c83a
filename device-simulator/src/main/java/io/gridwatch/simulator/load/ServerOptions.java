package io.gridwatch.simulator.load;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * The command-line options both {@code load} and {@code run} take to reach gridwatch: the MQTT endpoint, and the
 * HTTP endpoint and admin log-in used to register devices (a picocli mixin).
 */
public final class ServerOptions {

    @Option(names = "--mqtt", required = true, paramLabel = "HOST:PORT", description = "The MQTT broker.")
    private String mqtt;

    @Option(names = "--http", paramLabel = "URL",
            description = "gridwatch's HTTP base URL, for registering devices (e.g. http://localhost:8080).")
    private URI http;

    @Option(names = "--admin-user", defaultValue = "admin", description = "Admin log-in (default: ${DEFAULT-VALUE}).")
    private String adminUser;

    @Option(names = "--admin-password", defaultValue = "${env:GRIDWATCH_ADMIN_PASSWORD:-demo-admin}",
            description = "Admin password (default: $GRIDWATCH_ADMIN_PASSWORD, else demo-admin).")
    private String adminPassword;

    public HostPort mqtt() {
        return HostPort.parse(mqtt);
    }

    /** Null when not given. */
    public URI http() {
        return http;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }
}
