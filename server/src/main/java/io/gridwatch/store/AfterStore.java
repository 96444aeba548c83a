package io.gridwatch.store;

import io.gridwatch.model.Reading;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The reading path in one direction: stores each reading, and once it is durable (and only then) hands it on to
 * whoever judges it (the rules), without the acknowledgement waiting for them. A redelivered reading that was already
 * stored is handed on too: the rules treat it as late.
 */
public final class AfterStore implements ReadingSink {

    private final ReadingSink storage;
    private final Consumer<Reading> next;

    public AfterStore(ReadingSink storage, Consumer<Reading> next) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public boolean accepting() {
        return storage.accepting();
    }

    @Override
    public Future<Void> write(Reading reading) {
        return storage.write(reading).onSuccess(stored -> next.accept(reading));
    }
}
