package io.gridwatch.simulator.load;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which load devices a command uses and where their tokens are kept (a picocli mixin of {@code load} and
 * {@code connect-storm}: both name their devices {@code load-0, load-1, …} and share one token file by default).
 */
public final class FleetOptions {

    @Option(names = "--prefix", defaultValue = "load-", description = "Device id prefix (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--tokens", defaultValue = "load-tokens.json", paramLabel = "FILE",
            description = "Registered ids and tokens, reused by later runs (default: ${DEFAULT-VALUE}).")
    private Path tokens;

    @Option(names = "--no-register", description = "Use only devices already in the token file.")
    private boolean noRegister;

    public String prefix() {
        return prefix;
    }

    /** The first {@code devices} of the fleet, registered through {@code server} when missing from the token file. */
    public List<DeviceCredentials> registered(ServerOptions server, int devices) {
        return RegisteredFleet.of(server, prefix, devices, tokens, !noRegister);
    }
}
