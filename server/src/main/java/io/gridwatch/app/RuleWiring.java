package io.gridwatch.app;

import io.gridwatch.evaluate.RuleVerticle;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import java.time.Clock;
import java.time.Duration;

/** The rules verticle that judges every stored reading (and, on a single node, silence) with the default settings. */
final class RuleWiring {

    /** How often silent devices are looked for: offline means minutes of silence. */
    static final Duration SILENCE_CHECK = Duration.ofSeconds(5);

    private RuleWiring() {
    }

    static RuleVerticle rules(ServerParts parts) {
        return new RuleVerticle(new RuleEngine(RuleSettings.DEFAULTS), parts.directory()::device,
                parts.locator().grid(), parts.alerts(), parts.alerts().store(), parts.database().devices(),
                Clock.systemUTC(), SILENCE_CHECK, parts.changes());
    }
}
