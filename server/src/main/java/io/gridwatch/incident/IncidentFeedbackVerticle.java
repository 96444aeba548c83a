package io.gridwatch.incident;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link IncidentFeedback} rounds every {@code period}, one at a time; every node may run it. */
public final class IncidentFeedbackVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentFeedbackVerticle.class);
    private static final int BATCH = 200;

    private final IncidentFeedback feedback;
    private final Duration period;
    private long timer;
    private boolean running;

    public IncidentFeedbackVerticle(IncidentFeedback feedback, Duration period) {
        this.feedback = feedback;
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
        feedback.round(BATCH)
                .onSuccess(queued -> {
                    if (queued > 0) {
                        LOG.debug("incident feedback queued [count: {}]", queued);
                    }
                })
                .onFailure(e -> LOG.warn("cannot queue incident feedback, will retry: {}", e.toString()))
                .onComplete(done -> running = false);
    }
}
