package io.gridwatch.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices connected now: device id → its one session. Changed on the endpoint's event loop only; the size is
 * read from any thread (the connected-devices gauge).
 */
final class Sessions {

    private final Map<String, DeviceSession> byDevice = new ConcurrentHashMap<>();

    DeviceSession get(String deviceId) {
        return byDevice.get(deviceId);
    }

    void register(DeviceSession session) {
        byDevice.put(session.deviceId(), session);
    }

    /** Removes the session, unless another one has taken over the device meanwhile. */
    void remove(DeviceSession session) {
        byDevice.remove(session.deviceId(), session);
    }

    int size() {
        return byDevice.size();
    }

    List<DeviceSession> all() {
        return List.copyOf(byDevice.values());
    }

    /** Readings written for the connected devices whose acknowledgement has not gone out yet. */
    int unacknowledged() {
        int total = 0;
        for (DeviceSession session : byDevice.values()) {
            total += session.unacknowledged();
        }
        return total;
    }
}
