package io.gridwatch.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of a duty every {@code period}, never two rounds at once: due escalations, overdue cases, photos
 * left unsanitised. Each round takes its work from the database (rows claimed with {@code FOR UPDATE SKIP LOCKED}, or an
 * advisory lock), so every node may run every duty, and a restart or a dead node loses nothing and repeats nothing.
 * A failed round is logged and the next tick tries again. Hand-rolled claims rather than db-scheduler: each duty's
 * due time is a column of the rows it already has (an alert's {@code escalate_at}, a case's {@code due_at}), so the
 * claim is one query and needs no tables of its own.
 */
public final class PeriodicDuty extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicDuty.class);

    private final String name;
    private final Duration period;
    private final Supplier<Future<Integer>> round;
    private long timer;
    private boolean running;

    /**
     * @param name  what the duty does, for the log ({@code "escalation"})
     * @param round one round; its future says how many items it handled
     */
    public PeriodicDuty(String name, Duration period, Supplier<Future<Integer>> round) {
        this.name = name;
        this.period = period;
        this.round = round;
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
        Future<Integer> done;
        try {
            done = round.get();
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onSuccess(count -> {
                    if (count > 0) {
                        LOG.info("{} round done [count: {}]", name, count);
                    }
                })
                .onFailure(e -> LOG.warn("{} round failed, will retry [error: {}]", name, e.toString()))
                .onComplete(ignored -> running = false);
    }
}
