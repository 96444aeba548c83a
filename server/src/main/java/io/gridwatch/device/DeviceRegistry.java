package io.gridwatch.device;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.locate.Location;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.model.Device;
import io.gridwatch.store.DeviceStore;
import io.gridwatch.store.DuplicateDeviceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;

/**
 * Registers devices: finds each one's cell once (the lookup is never repeated per reading), mints
 * its token and stores only the token's hash. A batch is stored all or nothing. Thread-safe.
 */
public final class DeviceRegistry {

    private final Vertx vertx;
    private final DeviceStore store;
    private final GridLocator locator;
    private final Clock clock;
    private final Consumer<List<DeviceDirectory.Credentials>> registered;

    /** @param registered told of each batch of devices once it is stored (the MQTT log-in mirror listens) */
    public DeviceRegistry(Vertx vertx, DeviceStore store, GridLocator locator, Clock clock,
            Consumer<List<DeviceDirectory.Credentials>> registered) {
        this.vertx = vertx;
        this.store = store;
        this.locator = locator;
        this.clock = clock;
        this.registered = registered;
    }

    /** What registration returns to the caller, once: the token itself is not kept anywhere. */
    public record Registration(Device device, String token, String tokenHash, GridPath path) {
    }

    /**
     * @throws ClientError (in the future) 422 for a device outside the grid, 409 for an id that
     *     is taken, 400 for an id repeated in the request
     */
    public Future<List<Registration>> register(List<DeviceRequest> requests) {
        // a batch of thousands means thousands of lookups and hashes: not on the event loop
        return vertx.executeBlocking(() -> prepare(requests), false).compose(registrations -> {
            List<DeviceStore.NewDevice> rows = registrations.stream()
                    .map(r -> new DeviceStore.NewDevice(r.device(), r.tokenHash())).toList();
            return store.insertAll(rows)
                    .recover(failure -> Future.failedFuture(failure instanceof DuplicateDeviceException duplicate
                            ? ClientError.conflict(duplicate.getMessage()) : failure))
                    .onSuccess(stored -> registered.accept(rows.stream()
                            .map(row -> new DeviceDirectory.Credentials(row.device(), row.tokenHash())).toList()))
                    .map(registrations);
        });
    }

    private List<Registration> prepare(List<DeviceRequest> requests) {
        List<Registration> registrations = new ArrayList<>(requests.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            DeviceRequest request = requests.get(i);
            String where = requests.size() == 1 ? "" : "device " + i + ": ";
            if (!ids.add(request.id())) {
                throw ClientError.badRequest(where + "id \"" + request.id() + "\" appears twice");
            }
            Location location = locator.locate(request.lon(), request.lat(), request.crs());
            if (!location.found()) {
                throw ClientError.unprocessable(String.format(Locale.ROOT,
                        "%sposition %s %s (%s) is outside the grid, %.0f m from the nearest cell", where,
                        request.lon(), request.lat(), request.crs(), location.distanceM()));
            }
            Coordinate wgs84 = request.crs().convert(request.lon(), request.lat(), Crs.WGS84);
            Device device = new Device(request.id(), request.kind(), request.name(), wgs84.x, wgs84.y,
                    location.cell(), request.thresholds(), clock.instant());
            String token = SecretHasher.newToken();
            registrations.add(new Registration(device, token, SecretHasher.hashToken(token), location.path()));
        }
        return registrations;
    }
}
