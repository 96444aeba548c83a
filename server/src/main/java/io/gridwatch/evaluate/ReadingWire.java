package io.gridwatch.evaluate;

import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.SensorKind;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stored reading as JSON, to be judged on another node of the cluster ({@link DeviceOwners}). Stateless. */
final class ReadingWire {

    private ReadingWire() {
    }

    static JsonObject toJson(Reading reading) {
        JsonObject values = new JsonObject();
        reading.values().asMap().forEach(values::put);
        return new JsonObject().put("device", reading.deviceId()).put("cell", reading.cellId())
                .put("kind", reading.kind().id()).put("ts", reading.ts().toEpochMilli()).put("seq", reading.seq())
                .put("values", values).put("battery", reading.battery())
                .put("received", reading.receivedAt() == null ? null : reading.receivedAt().toEpochMilli());
    }

    static Reading fromJson(JsonObject json) {
        SensorKind kind = KindRegistry.fromId(json.getString("kind"))
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + json.getString("kind")));
        List<Object> namesAndValues = new ArrayList<>();
        for (Map.Entry<String, Object> value : json.getJsonObject("values")) {
            namesAndValues.add(value.getKey());
            namesAndValues.add(value.getValue());
        }
        Long received = json.getLong("received");
        return new Reading(json.getString("device"), json.getString("cell"), kind,
                Instant.ofEpochMilli(json.getLong("ts")), json.getLong("seq"),
                Measures.of(kind, namesAndValues.toArray()), json.getInteger("battery"),
                received == null ? null : Instant.ofEpochMilli(received));
    }
}
