package io.gridwatch.evaluate;

import io.gridwatch.ingest.Reading;
import io.gridwatch.ingest.ReadingSink;
import io.vertx.core.Future;

/**
 * The sink the MQTT endpoint writes to: stores the reading, and once it is durable (and only then) hands it to the
 * rules. The acknowledgement does not wait for the rules.
 */
public final class RuleFeed implements ReadingSink {

    private final ReadingSink storage;
    private final RuleVerticle rules;

    public RuleFeed(ReadingSink storage, RuleVerticle rules) {
        this.storage = storage;
        this.rules = rules;
    }

    @Override
    public boolean accepting() {
        return storage.accepting();
    }

    @Override
    public Future<Void> write(Reading reading) {
        return storage.write(reading).onSuccess(stored -> rules.offer(reading));
    }
}
