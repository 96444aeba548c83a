package io.gridwatch.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the native rollup tables ({@code readings_1m}, {@code readings_1h}, {@code cell_readings_1m},
 * {@code cell_readings_1h}) fresh, where TimescaleDB would keep its continuous aggregates fresh.
 *
 * <p>Every {@code rollupInterval} a pass recomputes, with idempotent upserts ({@link ReadingSql}),
 * the minute buckets of the last {@code rollupLookback} from raw readings, the cell minutes from
 * those, and the hours they fall in from the minutes. Readings that arrive later than that (a
 * device catching up after an outage) are reported by the writer through {@link #lateReading};
 * their whole hour is recomputed at the next pass. Rollups are therefore at most one interval
 * behind. Late hours noted in memory are lost if the server stops before the next pass; the first
 * pass after a start recomputes the last two hours, which covers a restart.
 *
 * <p>Nodes sharing the database take turns ({@link OneNodeAtATime}): a pass that finds another node's under way
 * leaves the lookback to it and keeps its own late hours for its next pass.
 *
 * <p>Not deployed on the TimescaleDB path. Passes run one at a time on this verticle's context;
 * {@link #lateReading} may be called from any thread.
 */
public final class RollupRefresher extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);
    /** Late hours recomputed per pass at most; the rest wait for the next pass. */
    private static final int LATE_HOURS_PER_PASS = 24;

    private final Pool pool;
    private final StorageOptions options;
    private final Clock clock;
    private final Set<Instant> lateHours = ConcurrentHashMap.newKeySet();
    private long timer = -1;
    /** The pass under way, and the promise of the one to run after it: confined to this verticle's context. */
    private Future<Void> current;
    private Promise<Void> following;

    public RollupRefresher(Pool pool, StorageOptions options, Clock clock) {
        this.pool = pool;
        this.options = options;
        this.clock = clock;
    }

    /**
     * Starts the periodic passes, and a first one at once (not awaited) that also recomputes the
     * current and the previous hour: what was written just before a restart is rolled up too.
     */
    @Override
    public Future<?> start() {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        lateHours.add(hour);
        lateHours.add(hour.minus(1, ChronoUnit.HOURS));
        timer = vertx.setPeriodic(options.rollupInterval().toMillis(), id -> refreshLogged());
        refreshLogged();
        return Future.succeededFuture();
    }

    private void refreshLogged() {
        refresh().onFailure(e -> LOG.warn("rollup refresh failed, retrying later [error: {}]", e.getMessage()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return current == null ? Future.succeededFuture() : current.otherwiseEmpty();
    }

    /** Readings older than this are reported by the writer as late; half the lookback leaves room for a slow pass. */
    public Duration lateAfter() {
        return options.rollupLookback().dividedBy(2);
    }

    /** Notes that a reading of this time was committed late: its hour is recomputed at the next pass. Any thread. */
    public void lateReading(Instant time) {
        lateHours.add(time.truncatedTo(ChronoUnit.HOURS));
    }

    /**
     * A pass that sees everything committed before this call: starts one now, or, when one is
     * under way, one right after it (shared by every call made meanwhile). Any thread.
     */
    public Future<Void> refresh() {
        if (Vertx.currentContext() != context) {
            Promise<Void> done = Promise.promise();
            context.runOnContext(v -> refresh().onComplete(done));
            return done.future();
        }
        if (current == null) {
            return runPass();
        }
        if (following == null) {
            following = Promise.promise();
        }
        return following.future();
    }

    private Future<Void> runPass() {
        Future<Void> pass = pass();
        current = pass;
        pass.onComplete(result -> {
            current = null;
            if (following != null) {
                Promise<Void> waiting = following;
                following = null;
                runPass().onComplete(waiting);
            }
        });
        return pass;
    }

    private record Range(Instant from, Instant to) {
    }

    private Future<Void> pass() {
        Instant now = clock.instant();
        List<Range> ranges = new ArrayList<>();
        ranges.add(new Range(now.minus(options.rollupLookback()).truncatedTo(ChronoUnit.MINUTES),
                now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES)));
        List<Instant> late = lateHours.stream().sorted().limit(LATE_HOURS_PER_PASS).toList();
        late.forEach(lateHours::remove);
        for (Instant hour : late) {
            ranges.add(new Range(hour, hour.plus(1, ChronoUnit.HOURS)));
        }
        // nodes sharing the database take turns: the same upserts at once would only wait on each other's rows
        return OneNodeAtATime.run(pool, "rollups", conn -> {
            Future<Void> work = Future.succeededFuture();
            for (Range range : ranges) {
                work = work.compose(v -> refresh(conn, range));
            }
            return work.map(true);
        }, false).onSuccess(done -> {
            if (done) {
                LOG.debug("rollups refreshed [ranges: {}]", ranges.size());
            } else {
                lateHours.addAll(late);
            }
        }).onFailure(e -> lateHours.addAll(late)).mapEmpty();
    }

    /** Minutes from raw readings, cell minutes from minutes, then the hours around them from minutes. */
    private Future<Void> refresh(SqlConnection conn, Range range) {
        Instant hourFrom = range.from().truncatedTo(ChronoUnit.HOURS);
        Instant hourTo = range.to().truncatedTo(ChronoUnit.HOURS);
        if (hourTo.isBefore(range.to())) {
            hourTo = hourTo.plus(1, ChronoUnit.HOURS);
        }
        Tuple minutes = Tuple.of(utc(range.from()), utc(range.to()));
        Tuple hours = Tuple.of(utc(hourFrom), utc(hourTo));
        return conn.preparedQuery(ReadingSql.REFRESH_READINGS_1M).execute(minutes)
                .compose(r -> conn.preparedQuery(ReadingSql.REFRESH_CELL_READINGS_1M).execute(minutes))
                .compose(r -> conn.preparedQuery(ReadingSql.REFRESH_READINGS_1H).execute(hours))
                .compose(r -> conn.preparedQuery(ReadingSql.REFRESH_CELL_READINGS_1H).execute(hours))
                .mapEmpty();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
