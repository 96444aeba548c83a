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
 * <p>Every {@code rollupInterval} a pass recomputes, with idempotent upserts ({@link ReadingSql}), the minute
 * buckets that received readings since the previous pass from raw readings, the cell minutes from those, and the
 * hours they fall in from the minutes. The writer tells which minutes ({@link #recent}, after each commit); a
 * reading older than {@link #lateAfter} (a device catching up after an outage) has its whole hour recomputed
 * ({@link #late}). Rollups are therefore at most one interval behind. Each reading is aggregated about twice (its
 * minute at the pass inside it and the one after), where re-aggregating a fixed lookback of five minutes every 30 s
 * read it ten times and was a tenth of PostgreSQL's CPU under steady ingest (issue 18's profile). A pass with
 * nothing written does not touch the database. Minutes and hours noted in memory are lost if the server stops
 * before the next pass; the first pass after a start recomputes the last two hours, which covers a restart.
 *
 * <p>Nodes sharing the database take turns ({@link OneNodeAtATime}): a pass that finds another node's under way
 * keeps its own minutes and hours for its next pass.
 *
 * <p>Not deployed on the TimescaleDB path. Passes run one at a time on this verticle's context;
 * {@link #lateReading} may be called from any thread.
 */
public final class RollupRefresher extends VerticleBase implements WrittenTimes {

    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);
    /** Late hours recomputed per pass at most; the rest wait for the next pass. */
    private static final int LATE_HOURS_PER_PASS = 24;

    private final Pool pool;
    private final StorageOptions options;
    private final Clock clock;
    /** A batch spanning more minutes than this has its hours recomputed instead (a clock far off). */
    private static final long MOST_MINUTES_NOTED = 120;

    private final Set<Instant> lateHours = ConcurrentHashMap.newKeySet();
    private final Set<Instant> writtenMinutes = ConcurrentHashMap.newKeySet();
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

    /** Readings older than this are reported by the writer as late (half the lookback). */
    @Override
    public Duration lateAfter() {
        return options.rollupLookback().dividedBy(2);
    }

    /** Notes that a reading of this time was committed late: its hour is recomputed at the next pass. Any thread. */
    @Override
    public void late(Instant time) {
        lateHours.add(time.truncatedTo(ChronoUnit.HOURS));
    }

    /** Notes the minutes of readings just committed: recomputed at the next pass. Any thread. */
    @Override
    public void recent(Instant earliest, Instant latest) {
        Instant first = earliest.truncatedTo(ChronoUnit.MINUTES);
        Instant last = latest.truncatedTo(ChronoUnit.MINUTES);
        if (ChronoUnit.MINUTES.between(first, last) > MOST_MINUTES_NOTED) {
            for (Instant hour = first.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(last);
                    hour = hour.plus(1, ChronoUnit.HOURS)) {
                lateHours.add(hour);
            }
            return;
        }
        for (Instant minute = first; !minute.isAfter(last); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            writtenMinutes.add(minute);
        }
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

    record Range(Instant from, Instant to) {
    }

    private Future<Void> pass() {
        List<Instant> minutes = writtenMinutes.stream().sorted().toList();
        minutes.forEach(writtenMinutes::remove);
        List<Instant> late = lateHours.stream().sorted().limit(LATE_HOURS_PER_PASS).toList();
        late.forEach(lateHours::remove);
        List<Range> ranges = new ArrayList<>(runs(minutes));
        for (Instant hour : late) {
            ranges.add(new Range(hour, hour.plus(1, ChronoUnit.HOURS)));
        }
        if (ranges.isEmpty()) {
            return Future.succeededFuture();
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
                putBack(minutes, late);
            }
        }).onFailure(e -> putBack(minutes, late)).mapEmpty();
    }

    private void putBack(List<Instant> minutes, List<Instant> late) {
        writtenMinutes.addAll(minutes);
        lateHours.addAll(late);
    }

    /** Sorted minutes as ranges of consecutive minutes. */
    static List<Range> runs(List<Instant> sortedMinutes) {
        List<Range> runs = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        for (Instant minute : sortedMinutes) {
            if (to != null && to.equals(minute)) {
                to = minute.plus(1, ChronoUnit.MINUTES);
                continue;
            }
            if (from != null) {
                runs.add(new Range(from, to));
            }
            from = minute;
            to = minute.plus(1, ChronoUnit.MINUTES);
        }
        if (from != null) {
            runs.add(new Range(from, to));
        }
        return runs;
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
