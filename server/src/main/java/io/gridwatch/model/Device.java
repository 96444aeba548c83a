package io.gridwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered sensor. Its position is kept in WGS84 whatever system it was registered in; its cell
 * was looked up once, at registration, and readings carry it from then on.
 *
 * @param cellId the cell that answers for the device, null only when it lies outside the grid
 *     (registration refuses that, so null is for rows written by hand)
 */
public record Device(String id, SensorKind kind, String name, double lon, double lat, String cellId,
        Thresholds thresholds, Instant createdAt) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        thresholds = thresholds == null ? Thresholds.NONE : thresholds;
        name = name == null ? "" : name;
    }
}
