package io.gridwatch.ingest;

import io.gridwatch.model.Reading;
import io.gridwatch.store.ReadingSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink for protocol tests: stores at once by default, or holds writes until the test releases them, or fails
 * them (all, or the next n). Records what it stored.
 */
final class RecordingSink implements ReadingSink {

    private final List<Reading> stored = new CopyOnWriteArrayList<>();
    private final Queue<Held> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean holding;
    private volatile boolean failing;
    private final AtomicInteger outageWrites = new AtomicInteger();
    private volatile boolean accepting = true;

    @Override
    public boolean accepting() {
        return accepting;
    }

    /** The next {@code writes} writes fail as they do while the database is away (a connection error). */
    void failDuringOutage(int writes) {
        outageWrites.set(writes);
    }

    void accepting(boolean accepting) {
        this.accepting = accepting;
    }

    @Override
    public Future<Void> write(Reading reading) {
        attempts.incrementAndGet();
        if (outageWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Future.failedFuture(new io.vertx.core.VertxException("connection refused: the database is away"));
        }
        if (failing || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Future.failedFuture(new IllegalStateException("store overloaded"));
        }
        if (holding) {
            Promise<Void> promise = Promise.promise();
            held.add(new Held(reading, promise));
            return promise.future();
        }
        stored.add(reading);
        return Future.succeededFuture();
    }

    void hold() {
        holding = true;
    }

    void fail() {
        failing = true;
    }

    void failNext(int writes) {
        failNext.set(writes);
    }

    /** Stores every held write and completes it; later writes are stored at once. */
    void release() {
        holding = false;
        Held next;
        while ((next = held.poll()) != null) {
            stored.add(next.reading);
            next.promise.complete();
        }
    }

    int heldCount() {
        return held.size();
    }

    int attempts() {
        return attempts.get();
    }

    List<Reading> stored() {
        return stored;
    }

    private record Held(Reading reading, Promise<Void> promise) {
    }
}
