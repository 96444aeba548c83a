package io.gridwatch.store;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the reading writer reaches its database: false from a failed batch until a batch
 * commits or a {@code SELECT 1} probe (repeated with back-off, 250 ms doubling to 5 s) answers;
 * false too while batches are in flight and none has completed for {@link #STALL} (a database
 * that hangs instead of refusing). State changes are logged once each way.
 *
 * <p>{@link #healthy(boolean)} may be called from any thread; the other methods only on the
 * writer's context.
 */
final class WriterHealth {

    private static final Logger LOG = LoggerFactory.getLogger(WriterHealth.class);
    static final Duration STALL = Duration.ofSeconds(10);
    private static final long PROBE_FIRST_MS = 250;
    private static final long PROBE_MAX_MS = 5000;

    private final Vertx vertx;
    private final Pool pool;
    private volatile boolean reachable = true;
    private volatile long lastProgressNanos = System.nanoTime();
    private boolean probing;
    private boolean stopped;

    WriterHealth(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    boolean healthy(boolean batchesInFlight) {
        return reachable && !(batchesInFlight && System.nanoTime() - lastProgressNanos > STALL.toNanos());
    }

    /** Whether the last outcome was a failure not yet cleared (failure logs are then not repeated). */
    boolean down() {
        return !reachable;
    }

    void progress() {
        lastProgressNanos = System.nanoTime();
    }

    void batchCommitted() {
        progress();
        up();
    }

    void batchFailed(int readings, Throwable cause) {
        progress();
        if (reachable) {
            LOG.warn("write batch failed, readings not acknowledged [readings: {}, error: {}]", readings,
                    cause.getMessage());
        }
        reachable = false;
        probe(PROBE_FIRST_MS);
    }

    void stop() {
        stopped = true;
    }

    private void up() {
        if (!reachable) {
            LOG.info("database reachable again, writes resume");
        }
        reachable = true;
    }

    private void probe(long delayMs) {
        if (probing || reachable || stopped) {
            return;
        }
        probing = true;
        vertx.setTimer(delayMs, id -> pool.query(ReadingSql.PROBE).execute().onComplete(result -> {
            probing = false;
            if (result.succeeded()) {
                up();
            } else {
                probe(Math.min(PROBE_MAX_MS, delayMs * 2));
            }
        }));
    }
}
