package io.gridwatch.simulator.load;

import java.util.Objects;

/**
 * What a device logs in to MQTT with: its id (the username) and its token (the password), as returned once by
 * {@code POST /api/devices}. {@link #toString()} hides the token.
 *
 * @param id the device id
 * @param token the device token; null for a plain broker that takes any log-in
 */
public record DeviceCredentials(String id, String token) {

    public DeviceCredentials {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return "DeviceCredentials[id=" + id + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
