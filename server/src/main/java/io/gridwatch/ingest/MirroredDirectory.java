package io.gridwatch.ingest;

import io.gridwatch.model.Device;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DeviceDirectory} that answers from memory, with an already completed future, for every device it knows,
 * and asks {@code source} for the others (remembering what it finds).
 *
 * <p>Why it matters: MQTT lets a client send PUBLISHes right behind its CONNECT without waiting for the CONNACK,
 * but vertx-mqtt closes a connection that sends a packet before it was accepted. A log-in can only serve such a
 * client when it is decided before the CONNECT handler returns, which an asynchronous database query never is.
 * Feed this mirror every device at start-up and each new registration ({@link #remember}); a device it does not
 * know yet still logs in, through the source, unless it pipelines.
 *
 * <p>Only found devices are kept (unknown ids are chosen by whoever connects), so memory is bounded by the number
 * of registered devices. Entries do not expire: there is no token re-issue or device removal yet; when there is,
 * it must update this mirror and the log-in cache too. Thread-safe.
 */
public final class MirroredDirectory implements DeviceDirectory {

    private final DeviceDirectory source;
    private final Map<String, Credentials> known = new ConcurrentHashMap<>();

    public MirroredDirectory(DeviceDirectory source) {
        this.source = source;
    }

    /** Adds or replaces a device's credentials. */
    public void remember(Credentials credentials) {
        known.put(credentials.device().id(), credentials);
    }

    /** A device it knows (every device that has logged in, or was registered or loaded at start-up). */
    public Optional<Device> device(String deviceId) {
        Credentials credentials = known.get(deviceId);
        return credentials == null ? Optional.empty() : Optional.of(credentials.device());
    }

    public int size() {
        return known.size();
    }

    @Override
    public Future<Optional<Credentials>> credentials(String deviceId) {
        Credentials credentials = known.get(deviceId);
        if (credentials != null) {
            return Future.succeededFuture(Optional.of(credentials));
        }
        return source.credentials(deviceId).onSuccess(found -> found.ifPresent(this::remember));
    }
}
