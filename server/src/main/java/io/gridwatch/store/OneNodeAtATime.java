package io.gridwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * Work that nodes sharing a database must not do at the same time (partition DDL, rollup upserts over the same
 * rows): a session advisory lock named after the work, tried (never waited for) on one pooled connection, the work
 * run on that connection, the lock released before the connection goes back to the pool. When another node holds it
 * the work is skipped: that node is doing it. A connection lost mid-way releases the lock with it. Thread-safe.
 */
final class OneNodeAtATime {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext($1))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext($1))";

    private OneNodeAtATime() {
    }

    /** {@code work} on the locked connection, or {@code skipped} when another node holds the lock. */
    static <T> Future<T> run(Pool pool, String name, Function<SqlConnection, Future<T>> work, T skipped) {
        Tuple lock = Tuple.of("gridwatch." + name);
        return pool.withConnection(conn -> conn.preparedQuery(TRY_LOCK).execute(lock).compose(rows -> {
            if (!rows.iterator().next().getBoolean(0)) {
                return Future.succeededFuture(skipped);
            }
            return work.apply(conn).eventually(() -> conn.preparedQuery(UNLOCK).execute(lock));
        }));
    }
}
