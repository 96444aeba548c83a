package io.gridwatch.casework;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for cases past their due time every {@code period} and raises {@code overdue} on them. The duty is taken
 * from the database (rows claimed with {@code FOR UPDATE SKIP LOCKED}, the mark written with the event), so every
 * node may run it, and a restart or a dead node loses nothing and repeats nothing. A hand-rolled claim rather than
 * db-scheduler: it is the escalation's pattern, on the rows the case already has, with no tables of its own.
 */
public final class OverdueVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueVerticle.class);
    private static final int BATCH = 200;

    private final CaseService cases;
    private final Duration period;
    private long timer;
    private boolean running;

    public OverdueVerticle(CaseService cases, Duration period) {
        this.cases = cases;
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
        cases.overdueDue(BATCH)
                .onSuccess(overdue -> {
                    if (!overdue.isEmpty()) {
                        LOG.info("cases overdue [count: {}]", overdue.size());
                    }
                })
                .onFailure(e -> LOG.warn("cannot check overdue cases, will retry: {}", e.toString()))
                .onComplete(done -> running = false);
    }
}
