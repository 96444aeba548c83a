package io.gridwatch.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions of {@code readings} on the native path: every partition from
 * {@code partitionDaysBack} days before today (UTC) to {@code partitionDaysAhead} days after it
 * exists, and those wholly older than {@code retentionDays} are dropped, along with expired rows of
 * the default partition. Runs at start (the verticle starts once the first pass is done) and then
 * every {@code partitionInterval}. The default partition itself is never dropped or detached; a
 * day whose readings already went to it gets its partition by moving them (see
 * {@link ReadingSql#createPartitionMovingRows}).
 *
 * <p>Not deployed on the TimescaleDB path (chunks are made by TimescaleDB). Passes run one at a
 * time on this verticle's context; a pass that fails is logged and retried at the next interval.
 * Creating or dropping a partition briefly locks {@code readings} (and scans the default
 * partition, which stays small when clocks are sane).
 */
public final class PartitionMaintainer extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintainer.class);
    private static final String CHECK_VIOLATION = "23514";

    private final Pool pool;
    private final StorageOptions options;
    private final Clock clock;
    private long timer = -1;
    private Future<Void> running;

    public PartitionMaintainer(Pool pool, StorageOptions options, Clock clock) {
        this.pool = pool;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return maintain().onSuccess(v -> timer = vertx.setPeriodic(options.partitionInterval().toMillis(), id ->
                maintain().onFailure(e -> LOG.warn("partition maintenance failed, retrying later [error: {}]",
                        e.getMessage()))));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return running == null ? Future.succeededFuture() : running.otherwiseEmpty();
    }

    /** One pass; a pass already under way is joined rather than doubled. Any thread. */
    public Future<Void> maintain() {
        if (Vertx.currentContext() != context) {
            Promise<Void> done = Promise.promise();
            context.runOnContext(v -> maintain().onComplete(done));
            return done.future();
        }
        if (running == null) {
            running = pass().eventually(() -> {
                running = null;
                return Future.succeededFuture();
            });
        }
        return running;
    }

    /** One node at a time: two nodes creating the same partition at once would fail one of them. */
    private Future<Void> pass() {
        return OneNodeAtATime.run(pool, "partitions", this::pass, null);
    }

    private Future<Void> pass(SqlConnection conn) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return conn.query(ReadingSql.LIST_PARTITIONS).execute().compose(rows -> {
            Set<String> existing = new HashSet<>();
            for (Row row : rows) {
                existing.add(row.getString(0));
            }
            List<LocalDate> missing = new ArrayList<>();
            for (LocalDate day = today.minusDays(options.partitionDaysBack());
                    !day.isAfter(today.plusDays(options.partitionDaysAhead())); day = day.plusDays(1)) {
                if (!existing.contains(ReadingSql.partitionName(day))) {
                    missing.add(day);
                }
            }
            LocalDate cutoff = today.minusDays(options.retentionDays());
            List<String> expired = existing.stream().filter(name -> expired(name, cutoff)).sorted().toList();
            Future<Void> work = Future.succeededFuture();
            for (LocalDate day : missing) {
                work = work.compose(v -> create(conn, day));
            }
            for (String name : expired) {
                work = work.compose(v -> conn.query(ReadingSql.dropPartition(name)).execute().mapEmpty());
            }
            return work
                    .compose(v -> conn.preparedQuery(ReadingSql.DELETE_EXPIRED_DEFAULT)
                            .execute(Tuple.of(cutoff.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())))
                    .map(deleted -> {
                        if (!missing.isEmpty() || !expired.isEmpty() || deleted.rowCount() > 0) {
                            LOG.info("readings partitions maintained [created: {}, dropped: {}, expired default rows: {}]",
                                    missing.size(), expired.size(), deleted.rowCount());
                        }
                        return null;
                    });
        });
    }

    private Future<Void> create(SqlConnection conn, LocalDate day) {
        return conn.query(ReadingSql.createPartition(day)).execute().<Void>mapEmpty().recover(failure -> {
            if (!(failure instanceof PgException pg && CHECK_VIOLATION.equals(pg.getSqlState()))) {
                return Future.failedFuture(failure);
            }
            LOG.info("moving readings out of the default partition [day: {}]", day);
            String[] statements = ReadingSql.createPartitionMovingRows(day);
            return pool.withTransaction(tx -> {
                Future<Void> steps = Future.succeededFuture();
                for (String sql : statements) {
                    steps = steps.compose(v -> tx.query(sql).execute().mapEmpty());
                }
                return steps;
            });
        });
    }

    /** Whether a partition named readings_pYYYYMMDD holds only days before the cutoff. */
    private static boolean expired(String name, LocalDate cutoff) {
        try {
            LocalDate day = LocalDate.parse(name.substring(ReadingSql.PARTITION_PREFIX.length()), ReadingSql.PARTITION_DAY);
            return day.plusDays(1).compareTo(cutoff) <= 0;
        } catch (RuntimeException notOurs) {
            return false;
        }
    }
}
