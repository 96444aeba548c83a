package io.gridwatch.simulator.fleet;

import java.util.Objects;

/**
 * One simulated sensor as planned: where it stands and what it is. Immutable.
 *
 * @param index the device's number within the fleet (seeds its signals)
 * @param id the device id (the MQTT username)
 * @param kind smoke detector or water-level gauge
 * @param lon WGS84 longitude
 * @param lat WGS84 latitude
 * @param cell the id of the grid cell the position lies in
 * @param warn a gauge's warning line, metres above its datum; null for a smoke detector
 * @param danger a gauge's danger line; null for a smoke detector
 */
public record FleetDevice(int index, String id, DeviceKind kind, double lon, double lat, String cell, Double warn,
        Double danger) {

    public FleetDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cell, "cell");
        if (kind == DeviceKind.WATER_LEVEL && (warn == null || danger == null || danger <= warn)) {
            throw new IllegalArgumentException("a gauge needs warn < danger: " + id);
        }
    }
}
