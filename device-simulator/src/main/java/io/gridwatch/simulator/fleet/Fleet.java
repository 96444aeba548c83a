package io.gridwatch.simulator.fleet;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A planned fleet: its devices in a fixed order, and the seed, id prefix and counts it was planned from (its signature, so
 * that a state file made for another fleet is not mistaken for this one's). Immutable.
 */
public record Fleet(long seed, String prefix, List<FleetDevice> devices) {

    public Fleet {
        devices = List.copyOf(devices);
    }

    /**
     * {@code seed=1 smoke=2000 water=150 prefix=sim-}: what must match between runs sharing a state file. Gas and
     * heat detectors come after the others and are left out, so that a fleet that gains them keeps its state file
     * (the new detectors are registered as missing ones).
     */
    public String signature() {
        return "seed=" + seed + " smoke=" + count(DeviceKind.SMOKE) + " water=" + count(DeviceKind.WATER_LEVEL)
                + " prefix=" + prefix;
    }

    public long count(DeviceKind kind) {
        return devices.stream().filter(d -> d.kind() == kind).count();
    }

    public List<FleetDevice> of(DeviceKind kind) {
        return devices.stream().filter(d -> d.kind() == kind).toList();
    }

    public Map<String, FleetDevice> byId() {
        return devices.stream().collect(Collectors.toMap(FleetDevice::id, Function.identity()));
    }
}
