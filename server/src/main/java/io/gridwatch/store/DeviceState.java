package io.gridwatch.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's latest reading (latest by the device's own timestamp), as stored with the readings, or one of its recent
 * readings.
 *
 * @param lastTs when the device measured it
 * @param values the kind-specific values by storage column ({@code obscuration}, {@code alarm}, {@code level},
 *     {@code lel}, {@code temp_c}, …, as {@link io.gridwatch.model.KindRegistry#columns()} lists them), null where
 *     the device's kind has none
 * @param receivedAt when the server received it ("last seen")
 */
public record DeviceState(String deviceId, Instant lastTs, long lastSeq, Map<String, Object> values,
        Integer battery, Instant receivedAt) {

    public DeviceState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The number stored in {@code column}, null when there is none. */
    public Double number(String column) {
        return values.get(column) instanceof Double number ? number : null;
    }

    /** The detector's alarm flag, null for kinds without one. */
    public Boolean alarm() {
        return values.get("alarm") instanceof Boolean flag ? flag : null;
    }
}
