package io.gridwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One decoded, validated sensor reading, ready to store and judge. Its kind-specific values ({@code obscuration},
 * {@code level}, {@code lel}, {@code temp_c}, {@code alarm}, …) are in {@link #values()}, laid out as the kind's
 * registry entry says. {@code (deviceId, ts, seq)} identifies a reading: a redelivered message is stored once.
 *
 * @param cellId the device's cell, cached at registration
 * @param ts when the device measured it
 * @param seq the device's own sequence number
 * @param battery percent, null when the device did not say
 * @param receivedAt when the server received it
 */
public record Reading(String deviceId, String cellId, SensorKind kind, Instant ts, long seq, Measures values,
        Integer battery, Instant receivedAt) {

    public Reading {
        Objects.requireNonNull(values, "values");
        if (kind != null && values.kind() != kind) {
            throw new IllegalArgumentException("values of " + values.kind() + " in a " + kind + " reading");
        }
    }

    /** The number {@code field} of this reading, null when absent. */
    public Double number(String field) {
        return values.number(field);
    }

    /** The detector's own alarm flag, null for kinds without one. */
    public Boolean alarm() {
        return values.flag("alarm");
    }
}
