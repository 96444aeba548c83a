package io.gridwatch.ingest;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.model.Device;
import io.gridwatch.model.SensorKind;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory device registry for protocol tests: tokens hashed as the real one does, lookups counted. */
final class TestDirectory implements DeviceDirectory {

    private final Map<String, Credentials> devices = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean down;
    private volatile Duration delay = Duration.ZERO;

    /** Registers a device in cell {@code cell-{id}} and returns its token. */
    String register(String id, SensorKind kind) {
        String token = SecretHasher.newToken();
        Device device = new Device(id, kind, id, 113.93, 22.75, "cell-" + id, null, Instant.now());
        devices.put(id, new Credentials(device, SecretHasher.hashToken(token)));
        return token;
    }

    void goDown() {
        down = true;
    }

    /** Answers after {@code answerAfter}, from another thread, as a database would. */
    void slowDown(Duration answerAfter) {
        delay = answerAfter;
    }

    int lookups() {
        return lookups.get();
    }

    @Override
    public Future<Optional<Credentials>> credentials(String deviceId) {
        lookups.incrementAndGet();
        if (down) {
            return Future.failedFuture(new IllegalStateException("directory unavailable"));
        }
        Optional<Credentials> found = Optional.ofNullable(devices.get(deviceId));
        if (delay.isZero()) {
            return Future.succeededFuture(found);
        }
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> found,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)));
    }
}
