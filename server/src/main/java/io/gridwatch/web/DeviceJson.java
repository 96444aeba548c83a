package io.gridwatch.web;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.model.Device;
import io.gridwatch.store.DeviceState;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** Devices as the API shows them. */
final class DeviceJson {

    private DeviceJson() {
    }

    static JsonObject path(GridPath path) {
        return path == null ? null : new JsonObject(new LinkedHashMap<>(path.asMap()));
    }

    static JsonObject device(Device device, Grid grid, DeviceState state) {
        JsonObject json = new JsonObject()
                .put("id", device.id())
                .put("kind", device.kind().id())
                .put("name", device.name())
                .put("lon", device.lon())
                .put("lat", device.lat())
                .put("cell", device.cellId())
                .put("path", device.cellId() == null ? null : path(grid.path(device.cellId()).orElse(null)))
                .put("thresholds", new JsonObject().put("warn", device.thresholds().warn())
                        .put("danger", device.thresholds().danger()))
                .put("created_at", device.createdAt() == null ? null : device.createdAt().toString());
        if (state != null) {
            json.put("last_seen", state.receivedAt() == null ? null : state.receivedAt().toString())
                    .put("last", reading(state));
        } else {
            json.put("last_seen", null).put("last", null);
        }
        return json;
    }

    /**
     * One reading: {@code ts}, {@code seq}, every registered value ({@code obscuration}, {@code alarm}, {@code level},
     * {@code lel}, {@code temp_c}, …; null where the kind has none) and {@code battery}.
     */
    static JsonObject reading(DeviceState reading) {
        JsonObject json = new JsonObject()
                .put("ts", reading.lastTs() == null ? null : reading.lastTs().toString())
                .put("seq", reading.lastSeq());
        reading.values().forEach(json::put);
        return json.put("battery", reading.battery());
    }
}
