package io.gridwatch.store;

import java.time.Instant;

/**
 * A device's latest reading (latest by the device's own timestamp), as stored with the readings.
 * Fields that do not apply to the device's kind are null.
 *
 * @param lastTs when the device measured it
 * @param receivedAt when the server received it ("last seen")
 */
public record DeviceState(String deviceId, Instant lastTs, long lastSeq, Double obscuration, Boolean alarm,
        Double level, Integer battery, Instant receivedAt) {
}
