package io.gridwatch.store;

import io.gridwatch.metrics.AlarmStage;
import io.gridwatch.model.Reading;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The reading path in one direction: stores each reading, and once it is durable (and only then) hands it on to
 * whoever judges it (the rules), without the acknowledgement waiting for them. A redelivered reading that was already
 * stored is handed on too: the rules treat it as late.
 *
 * <p>The judge is called on whatever thread learns of the commit first (the writer's event loop), so it must be
 * thread-safe and quick.
 *
 * <p>Every source of readings (the MQTT endpoint, a broker subscription) writes through one instance, so that all
 * take the same path. A reading the {@code urgent} test picks (it may raise an alert) is written in the storage's
 * urgent lane and handed to the rules' urgent queue: it does not wait behind thousands of ordinary readings, and is
 * still judged only once stored.
 */
public final class AfterStore implements ReadingSink {

    /** Who judges a stored reading. */
    public interface Judge {
        void judge(Reading reading, boolean urgent);
    }

    private final ReadingSink storage;
    private final Predicate<Reading> urgent;
    private final Judge next;

    public AfterStore(ReadingSink storage, Predicate<Reading> urgent, Judge next) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.urgent = Objects.requireNonNull(urgent, "urgent");
        this.next = Objects.requireNonNull(next, "next");
    }

    /** Without an urgent lane: every reading is ordinary. */
    public AfterStore(ReadingSink storage, Consumer<Reading> next) {
        this(storage, reading -> false, (reading, isUrgent) -> next.accept(reading));
    }

    @Override
    public boolean accepting() {
        return storage.accepting();
    }

    @Override
    public Future<Void> write(Reading reading) {
        return write(reading, false);
    }

    @Override
    public Future<Void> write(Reading reading, boolean isUrgent) {
        boolean lane = isUrgent || urgent.test(reading);
        if (lane) {
            AlarmStage.mark(reading.deviceId(), "decoded");
        }
        // judged from the storage's own thread at commit: an alarm does not wait for the busy MQTT event loop first
        return storage.write(reading, lane, () -> {
            if (lane) {
                AlarmStage.mark(reading.deviceId(), "handed to the rules");
            }
            next.judge(reading, lane);
        });
    }
}
