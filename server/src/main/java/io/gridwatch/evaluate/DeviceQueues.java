package io.gridwatch.evaluate;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after another per device, so that a clear never overtakes the raise before it on its
 * way to the database, while different devices proceed in parallel. A failed step does not stop the next one.
 *
 * <p>Not thread-safe: confined to the owning verticle's context (the steps' futures must complete there, as
 * vertx-pg-client futures do when called from it).
 */
final class DeviceQueues {

    private final Map<String, Future<Void>> tails = new HashMap<>();

    void then(String deviceId, Supplier<Future<Void>> step) {
        Future<Void> previous = tails.getOrDefault(deviceId, Future.succeededFuture());
        Future<Void> next = previous.transform(ignored -> step.get());
        tails.put(deviceId, next);
        next.onComplete(done -> tails.remove(deviceId, next));
    }

    /** How many devices have steps still running. */
    int busy() {
        return tails.size();
    }
}
