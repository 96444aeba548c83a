package io.gridwatch.dispatch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for due escalations in the database every {@code period} and climbs them. Because the deadlines live in the
 * database, a restart (or another node) picks up exactly where this one stopped; a run that is still going when the
 * next tick comes is not doubled. The roster is reloaded every {@link #ROSTER_RELOAD_TICKS} ticks so that routing
 * sees people added through another node.
 */
public final class EscalationVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationVerticle.class);
    /** Enough for a storm of due alerts; the rest go on the next tick. */
    private static final int BATCH = 500;
    private static final int ROSTER_RELOAD_TICKS = 30;

    private final AlertLifecycle lifecycle;
    private final StaffDirectory staff;
    private final Duration period;
    private long timer;
    private long ticks;
    private boolean running;

    public EscalationVerticle(AlertLifecycle lifecycle, StaffDirectory staff, Duration period) {
        this.lifecycle = lifecycle;
        this.staff = staff;
        this.period = period;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(period.toMillis(), id -> tick());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    private void tick() {
        if (running) {
            return;
        }
        running = true;
        Future<Void> roster = ++ticks % ROSTER_RELOAD_TICKS == 0 ? staff.reload() : Future.succeededFuture();
        roster.transform(ignored -> lifecycle.escalateDue(BATCH))
                .onSuccess(escalated -> {
                    if (!escalated.isEmpty()) {
                        LOG.info("escalated [count: {}]", escalated.size());
                    }
                })
                .onFailure(e -> LOG.warn("cannot check due escalations, will retry: {}", e.toString()))
                .onComplete(done -> running = false);
    }
}
