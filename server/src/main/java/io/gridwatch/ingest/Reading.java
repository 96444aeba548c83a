package io.gridwatch.ingest;

import io.gridwatch.device.DeviceKind;
import java.time.Instant;

/**
 * One decoded, validated sensor reading, ready to store. Fields that do not apply to the device's
 * kind are null: {@code obscuration} and {@code alarm} for smoke detectors, {@code level} for
 * water-level gauges. {@code (deviceId, ts, seq)} identifies a reading: a redelivered message is
 * stored once.
 *
 * @param cellId the device's cell, cached at registration
 * @param ts when the device measured it
 * @param seq the device's own sequence number
 * @param battery percent, null when the device did not say
 * @param receivedAt when the server received it
 */
public record Reading(String deviceId, String cellId, DeviceKind kind, Instant ts, long seq,
        Double obscuration, Boolean alarm, Double level, Integer battery, Instant receivedAt) {
}
