package io.gridwatch.simulator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.fleet.Fleet;
import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.fleet.FleetStateFile;
import io.gridwatch.simulator.fleet.FleetStateFile.SavedDevice;
import io.gridwatch.simulator.load.DeviceCredentials;
import io.gridwatch.simulator.load.DeviceRegistrar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every device of a fleet has a token: the ones in the state file are reused, the others are registered
 * through the devices API with the admin log-in (gauges with their {@code thresholds}), and the state file is
 * written at once so that no token shown by the server is ever lost. Blocking; one caller at a time.
 */
final class FleetRegistration {

    private static final Logger log = LoggerFactory.getLogger(FleetRegistration.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetRegistration() {
    }

    /**
     * The saved state of every device of {@code fleet}, registering the missing ones.
     *
     * @throws IllegalStateException when the state file belongs to another fleet, or devices are missing and
     *     there is no HTTP endpoint to register them with
     */
    static FleetStateFile.Saved ensure(Fleet fleet, RunSettings settings) {
        FleetStateFile file = new FleetStateFile(settings.stateFile());
        FleetStateFile.Saved saved = file.read();
        if (saved.fleet() != null && !saved.fleet().equals(fleet.signature())) {
            throw new IllegalStateException("state file " + file.path() + " belongs to another fleet ("
                    + saved.fleet() + "); this run is " + fleet.signature() + ": use another --state file");
        }
        List<FleetDevice> missing = fleet.devices().stream().filter(d -> !saved.devices().containsKey(d.id())).toList();
        if (missing.isEmpty()) {
            log.info("devices known from the state file [count: {}, file: {}]", saved.devices().size(), file.path());
            return saved;
        }
        if (settings.http() == null) {
            throw new IllegalStateException(missing.size() + " devices have no token in " + file.path()
                    + " and no --http endpoint was given to register them");
        }
        List<DeviceCredentials> registered = new DeviceRegistrar(settings.http())
                .registerAll(settings.adminUser(), settings.adminPassword(),
                        missing.stream().map(FleetRegistration::json).toList());
        Map<String, SavedDevice> all = new LinkedHashMap<>(saved.devices());
        registered.forEach(c -> all.put(c.id(), new SavedDevice(c.id(), c.token(), 0)));
        file.write(fleet.signature(), saved.clean() || saved.devices().isEmpty(), new ArrayList<>(all.values()));
        log.info("devices registered [count: {}, file: {}]", registered.size(), file.path());
        return new FleetStateFile.Saved(fleet.signature(), saved.clean() || saved.devices().isEmpty(), all);
    }

    private static ObjectNode json(FleetDevice device) {
        ObjectNode node = JSON.createObjectNode().put("id", device.id()).put("kind", device.kind().apiId())
                .put("lon", device.lon()).put("lat", device.lat());
        if (device.kind() == DeviceKind.WATER_LEVEL) {
            node.putObject("thresholds").put("warn", device.warn()).put("danger", device.danger());
        }
        return node;
    }
}
