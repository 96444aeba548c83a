package io.gridwatch.ingest;

import io.gridwatch.model.Device;
import io.vertx.core.Future;
import java.util.Optional;

/** Looks devices up for MQTT log-in: the device and the hash of its token. */
public interface DeviceDirectory {

    /** The device and its token hash, empty when no such device is registered. */
    Future<Optional<Credentials>> credentials(String deviceId);

    /** A registered device as MQTT auth sees it: the device, and its token's stored hash. */
    record Credentials(Device device, String tokenHash) {
    }
}
