package io.gridwatch.simulator.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load devices {@code prefix0 … prefix(n-1)} with their tokens: those in the token file are reused, the missing
 * ones registered through the devices API in arrays ({@link DeviceRegistrar}) and added to the file. Blocking.
 */
public final class RegisteredFleet {

    private static final Logger log = LoggerFactory.getLogger(RegisteredFleet.class);

    private RegisteredFleet() {
    }

    /**
     * @param register false to use only devices already in the file
     * @throws LoadException when devices are missing and cannot be registered
     */
    public static List<DeviceCredentials> of(ServerOptions server, String prefix, int devices, Path tokens,
            boolean register) {
        TokenFile file = new TokenFile(tokens);
        Map<String, DeviceCredentials> known = new LinkedHashMap<>(file.read());
        List<String> ids = DeviceIds.of(prefix, devices);
        List<String> missing = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.containsKey(ids.get(i))) {
                missing.add(ids.get(i));
                indexes.add(i);
            }
        }
        if (!missing.isEmpty()) {
            if (!register || server.http() == null) {
                throw new LoadException(missing.size() + " of " + devices + " devices are not in " + tokens
                        + (!register ? " and --no-register was given" : "; give --http to register them"));
            }
            log.info("registering devices [missing: {}, known: {}, file: {}]", missing.size(),
                    ids.size() - missing.size(), tokens);
            DeviceRegistrar registrar = new DeviceRegistrar(server.http());
            for (DeviceCredentials device : registrar.register(server.adminUser(), server.adminPassword(), missing,
                    indexes, DevicePositions.bundledGrid())) {
                known.put(device.id(), device);
            }
            file.write(known.values());
        }
        return ids.stream().map(known::get).toList();
    }
}
