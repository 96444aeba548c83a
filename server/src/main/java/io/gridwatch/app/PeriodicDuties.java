package io.gridwatch.app;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.dispatch.EscalationRounds;
import io.gridwatch.evaluate.SilenceRounds;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.outbox.Outbox;
import io.gridwatch.outbox.OutboxConfig;
import io.gridwatch.outbox.OutboxRelay;
import io.gridwatch.report.PendingPhotos;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import io.gridwatch.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The duties every node runs on a timer, each round taking its work from the database (so any node may die): due
 * escalations, overdue cases, the outbox relay, photos left unsanitised, and, on a cluster, silent
 * devices. {@link #deploy} answers their deployment ids, undeployed before the database closes.
 */
final class PeriodicDuties {

    /** How often due escalations are looked for: the deadlines are minutes, a second late is nothing. */
    private static final Duration ESCALATION_CHECK = Duration.ofSeconds(1);
    /** Rows one round of a periodic duty takes at most (overdue cases, photos); the rest wait a round. */
    static final int DUTY_BATCH = 200;
    /** How often photos left pending without a live lease are looked for (the upload itself is queued at once). */
    private static final Duration PHOTO_SWEEP = Duration.ofSeconds(10);

    private PeriodicDuties() {
    }

    static Future<List<String>> deploy(Vertx vertx, GridwatchConfig config, Metrics metrics, ServerParts parts,
            PendingPhotos photos) {
        Database database = parts.database();
        List<Future<String>> duties = new ArrayList<>();
        duties.add(vertx.deployVerticle(new PeriodicDuty("escalation", ESCALATION_CHECK,
                new EscalationRounds(parts.alerts(), parts.staff()))));
        duties.add(vertx.deployVerticle(new PeriodicDuty("overdue", ESCALATION_CHECK,
                () -> parts.casework().cases().overdueDue(DUTY_BATCH).map(List::size))));
        duties.add(vertx.deployVerticle(new OutboxRelay(new Outbox(database.pool()),
                OutboxConfig.DEFAULTS.withMaxBackoff(config.cases().notifyMaxBackoff()), metrics, Clock.systemUTC())));
        // residents' photos answered but not yet sanitised (a restart, a node gone) are taken up again
        duties.add(vertx.deployVerticle(new PeriodicDuty("photo sanitising", PHOTO_SWEEP,
                () -> photos.sweep(DUTY_BATCH))));
        // on a cluster silence is judged from the database, by one node per round (a single node judges it in the
        // rules verticle, from what it heard itself)
        if (parts.cluster().isPresent()) {
            duties.add(vertx.deployVerticle(new PeriodicDuty("offline", RuleWiring.SILENCE_CHECK,
                    new SilenceRounds(database.pool(), database.devices(), new RuleEngine(RuleSettings.DEFAULTS),
                            RuleSettings.DEFAULTS, parts.alerts(), parts.locator().grid(), parts.changes(),
                            Clock.systemUTC()))));
        }
        return Future.all(duties).map(all -> duties.stream().map(Future::result).filter(Objects::nonNull).toList());
    }
}
