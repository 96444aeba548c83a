package io.gridwatch.store;

import io.gridwatch.metrics.AlarmStage;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Reading;
import io.gridwatch.store.ReadingBatch.Pending;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, batched writes of readings with group commit: a reading's future succeeds only once the
 * batch holding it has committed (also when it was a redelivered duplicate, stored once), and fails
 * when that batch failed, so that MQTT acknowledges exactly what is stored.
 *
 * <p>Batching: accepted readings queue up; a batch leaves when it holds {@code batchSize} readings
 * or {@code batchDelay} after its oldest reading arrived, whichever comes first, and while all
 * {@code writerConnections} connections are busy readings keep gathering into bigger batches. Each
 * batch is one statement ({@link ReadingSql#INSERT_BATCH}) that also moves {@code device_state}
 * forward, so both commit together. At most {@code maxQueued} readings are held (accepted and not
 * yet committed); beyond that {@link #write} fails at once with {@link StorageOverloadedException}.
 *
 * <p>Outages: a failed batch fails its readings' futures (the devices send them again, unacknowledged)
 * and marks the writer unhealthy until a batch commits or a probe answers ({@link WriterHealth});
 * the pool reconnects by itself. A batch that deadlocks with another is retried once. Readings the
 * database could never hold (a timestamp beyond its range) fail at once with
 * {@link IllegalArgumentException}, so that one bad reading cannot fail a whole batch.
 *
 * <p>Urgent readings ({@link #write(Reading, boolean)}: those that may raise an alert) take a lane of their own:
 * a queue drained first, batches sent at once without waiting for the batch delay or for a full batch, on a
 * connection of their own (the pool holds one more than the ordinary batches may use), so that an alarm is not
 * committed behind thousands of ordinary readings. Their guarantee is the same: the future completes after commit.
 *
 * <p>Threads: the batching state lives on this verticle's context and is touched only there.
 * {@link #write}, {@link #flush} and {@link #healthy} may be called from any thread: readings pass
 * through a lock-free queue, and one task per burst, not per reading, hops onto the writer's
 * context. A future is completed on the context of the thread that called {@link #write} (one hop
 * per batch and calling context), so an MQTT endpoint may acknowledge from its own event loop.
 */
public final class ReadingWriter extends VerticleBase implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingWriter.class);
    private static final String DEADLOCK = "40P01";


    private final DbConfig config;
    private final StorageOptions options;
    private final WriterMetrics metrics;
    private final WrittenTimes written;

    private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Pending> urgentIncoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Readings in the two incoming queues. */
    private final AtomicInteger incomingCount = new AtomicInteger();
    /**
     * Whether the writer wants a wake-up for each new reading: only while nothing else brings it back to its queue
     * soon (no batch timer armed, a connection free). Otherwise a reading waits in the queue for the timer or a batch's
     * completion, and the event loop that accepted it does not wake the writer's: at low rates that hop, one per
     * reading, cost more CPU than the batch it went into (issue 18's profile).
     */
    private volatile boolean listening = true;
    private volatile boolean stopped;
    private volatile WriterHealth health;
    /** Batches sent and not yet completed: written only on the writer's context, read by {@link #healthy()}. */
    private volatile int inFlight;

    // confined to the writer's context
    private Pool pool;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final ArrayDeque<Pending> urgent = new ArrayDeque<>();
    /** Urgent batches in flight: at most one, on the connection kept for them. */
    private volatile int urgentInFlight;
    private final List<Promise<Void>> flushes = new ArrayList<>();
    private long timer = -1;
    private boolean due;

    /**
     * @param written told, after commit, when the committed readings were measured (the native rollups
     *     re-aggregate those minutes and hours); null when nobody needs to know
     */
    public ReadingWriter(DbConfig config, StorageOptions options, Metrics metrics, WrittenTimes written) {
        this.config = config;
        this.options = options;
        this.metrics = new WriterMetrics(metrics, held::get);
        this.written = written;
    }

    @Override
    public Future<?> start() {
        // one connection more than ordinary batches may take: the urgent lane's
        pool = Database.pool(vertx, config, options.writerConnections() + 1, "gridwatch-writer");
        health = new WriterHealth(vertx, pool);
        // connect now, so that a wrong URL or password stops start-up instead of the first reading
        return pool.query(ReadingSql.PROBE).execute().mapEmpty();
    }

    /** Flushes every accepted reading, then closes the writer's connections. */
    @Override
    public Future<?> stop() {
        stopped = true;
        health.stop();
        return flush().eventually(() -> pool.close());
    }

    @Override
    public Future<Void> write(Reading reading) {
        return write(reading, false);
    }

    /** Stores a reading; an urgent one goes ahead of ordinary ones (see the class comment). */
    @Override
    public Future<Void> write(Reading reading, boolean isUrgent) {
        return write(reading, isUrgent, null);
    }

    /** As {@link #write(Reading, boolean)}; {@code stored} runs on the writer's context right after the commit. */
    @Override
    public Future<Void> write(Reading reading, boolean isUrgent, Runnable stored) {
        if (stopped || context == null) {
            return Future.failedFuture(new IllegalStateException("the reading writer is not running"));
        }
        String unstorable = ReadingBatch.unstorable(reading);
        if (unstorable != null) {
            return Future.failedFuture(new IllegalArgumentException(unstorable));
        }
        if (held.incrementAndGet() > options.maxQueued()) {
            held.decrementAndGet();
            metrics.refused.increment();
            return Future.failedFuture(new StorageOverloadedException(options.maxQueued()));
        }
        Pending pending = new Pending(reading, System.nanoTime(), Promise.promise(), Vertx.currentContext(), stored);
        (isUrgent ? urgentIncoming : incoming).add(pending);
        if (incomingCount.incrementAndGet() >= options.batchSize() || isUrgent || listening) {
            wake();
        }
        return pending.promise().future();
    }

    private void wake() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /**
     * Sends every reading accepted so far without waiting for batches to fill, and completes when
     * none is left uncommitted (for graceful shutdown: stop accepting first).
     */
    public Future<Void> flush() {
        if (context == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            flushes.add(done);
            drain();
            completeFlushes();
        });
        return done.future();
    }

    /**
     * False from a failed batch until the database answers again, and while batches have been
     * stuck for {@link WriterHealth#STALL}. Any thread.
     */
    public boolean accepting() {
        return healthy();
    }

    public boolean healthy() {
        WriterHealth h = health;
        return h != null && h.healthy(inFlight + urgentInFlight > 0);
    }

    /** Readings accepted and not yet committed or failed. Any thread. */
    public int queued() {
        return held.get();
    }

    private void drain() {
        drainScheduled.set(false);
        int moved = 0;
        for (Pending p = urgentIncoming.poll(); p != null; p = urgentIncoming.poll(), moved++) {
            urgent.add(p);
        }
        for (Pending p = incoming.poll(); p != null; p = incoming.poll(), moved++) {
            waiting.add(p);
        }
        incomingCount.addAndGet(-moved);
        pump();
        listening = timer < 0 && inFlight < options.writerConnections();
        // a reading queued while this ran may have seen listening still false: look once more
        if (listening && (!incoming.isEmpty() || !urgentIncoming.isEmpty())) {
            wake();
        }
    }

    /** Sends as many batches as may go now, urgent ones first, and arms the timer for the rest. */
    private void pump() {
        if (urgentInFlight == 0 && !urgent.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(options.batchSize(), urgent.size()));
            while (batch.size() < options.batchSize() && !urgent.isEmpty()) {
                Pending p = urgent.poll();
                AlarmStage.mark(p.reading().deviceId(), "sent");
                batch.add(p);
            }
            urgentInFlight++;
            send(batch, true, true);
        }
        while (inFlight < options.writerConnections() && !waiting.isEmpty()
                && (waiting.size() >= options.batchSize() || due || !flushes.isEmpty()
                        || options.batchDelay().isZero())) {
            int size = Math.min(options.batchSize(), waiting.size());
            List<Pending> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(waiting.poll());
            }
            inFlight++;
            send(batch, true, false);
        }
        if (waiting.isEmpty()) {
            due = false;
            cancelTimer();
        } else if (!due && timer < 0) {
            long ageNanos = System.nanoTime() - waiting.peek().acceptedNanos();
            long delayMs = Math.max(1, (options.batchDelay().toNanos() - ageNanos + 999_999) / 1_000_000);
            timer = vertx.setTimer(delayMs, id -> {
                timer = -1;
                due = true;
                drain();
            });
        }
    }

    private void send(List<Pending> batch, boolean mayRetry, boolean isUrgent) {
        Future<RowSet<Row>> execution;
        try {
            execution = pool.preparedQuery(ReadingSql.INSERT_BATCH).execute(ReadingBatch.tuple(batch, Instant.now()))
                    // a hung database must not hold readings unacknowledged forever (StorageOptions)
                    .timeout(options.batchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            execution = Future.failedFuture(e);
        }
        execution.onComplete(result -> {
            if (result.failed() && mayRetry && result.cause() instanceof PgException pg
                    && DEADLOCK.equals(pg.getSqlState())) {
                LOG.debug("write batch deadlocked, retrying once [readings: {}]", batch.size());
                health.progress();
                send(batch, false, isUrgent);
                return;
            }
            if (isUrgent) {
                urgentInFlight--;
                if (result.succeeded()) {
                    batch.forEach(p -> AlarmStage.mark(p.reading().deviceId(), "committed"));
                }
            } else {
                inFlight--;
            }
            if (result.succeeded()) {
                committed(batch, result.result().rowCount());
            } else {
                failed(batch, result.cause());
            }
            drain();
            completeFlushes();
        });
    }

    /** @param stored new rows; the rest of the batch were redeliveries of readings already stored */
    private void committed(List<Pending> batch, long stored) {
        health.batchCommitted();
        long now = System.nanoTime();
        metrics.batches.increment();
        metrics.batchSize.record(batch.size());
        metrics.written.add(stored);
        metrics.duplicates.add(batch.size() - stored);
        for (Pending p : batch) {
            metrics.latency.record((now - p.acceptedNanos()) / 1e9);
        }
        reportTimes(batch);
        held.addAndGet(-batch.size());
        for (Pending p : batch) {
            if (p.stored() != null) {
                try {
                    p.stored().run();
                } catch (RuntimeException e) {
                    LOG.warn("after-commit step failed [device-id: {}]: {}", p.reading().deviceId(), e.toString());
                }
            }
        }
        complete(batch, null);
    }

    private void failed(List<Pending> batch, Throwable cause) {
        metrics.failures.add(batch.size());
        health.batchFailed(batch.size(), cause);
        held.addAndGet(-batch.size());
        complete(batch, cause);
    }

    /** One call for the batch's recent readings (their span of times), one per late reading. */
    private void reportTimes(List<Pending> batch) {
        if (written == null) {
            return;
        }
        Instant threshold = Instant.now().minus(written.lateAfter());
        Instant earliest = null;
        Instant latest = null;
        for (Pending p : batch) {
            Instant ts = p.reading().ts();
            if (ts.isBefore(threshold)) {
                written.late(ts);
            } else {
                earliest = earliest == null || ts.isBefore(earliest) ? ts : earliest;
                latest = latest == null || ts.isAfter(latest) ? ts : latest;
            }
        }
        if (earliest != null) {
            written.recent(earliest, latest);
        }
    }

    /** Completes each promise on its caller's context: one hop per context, not per reading. */
    private void complete(List<Pending> batch, Throwable failure) {
        Map<Context, List<Promise<Void>>> byContext = new IdentityHashMap<>();
        for (Pending p : batch) {
            if (p.caller() == null || p.caller() == context) {
                settle(p.promise(), failure);
            } else {
                byContext.computeIfAbsent(p.caller(), c -> new ArrayList<>()).add(p.promise());
            }
        }
        byContext.forEach((caller, promises) -> caller.runOnContext(v -> promises.forEach(p -> settle(p, failure))));
    }

    private static void settle(Promise<Void> promise, Throwable failure) {
        if (failure == null) {
            promise.tryComplete();
        } else {
            promise.tryFail(failure);
        }
    }

    private void completeFlushes() {
        if (!flushes.isEmpty() && held.get() == 0) {
            List<Promise<Void>> done = new ArrayList<>(flushes);
            flushes.clear();
            done.forEach(Promise::tryComplete);
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
