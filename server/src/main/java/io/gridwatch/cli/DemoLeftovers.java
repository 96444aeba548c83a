package io.gridwatch.cli;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.app.StartupException;
import io.gridwatch.store.Database;
import io.gridwatch.store.DbConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a previous demo run's scenario left unresolved (alerts of the simulated fleet's devices), closed before
 * the server starts: otherwise they escalate at once and the new run's fire joins the old alert instead of
 * opening its own. Each closed alert gets a {@code resolved} event by {@value #ACTOR} whose detail carries the
 * note code {@value #NOTE_CODE}, which the pages translate. Runs before the server, so that the rules' state is
 * seeded from a database without them. Blocking: the demo's main thread only.
 */
final class DemoLeftovers {

    static final String ACTOR = "demo";
    static final String NOTE_CODE = "demo_restarted";
    private static final long TIMEOUT_S = 60;

    private DemoLeftovers() {
    }

    /** Closes the unresolved alerts of devices whose id starts with {@code devicePrefix}; returns how many. */
    static int close(DbConfig db, String devicePrefix, Instant at) {
        Vertx vertx = Vertx.vertx();
        Pool pool = Database.pool(vertx, db, 1, "demo-leftovers");
        try {
            Future<Integer> closed = pool.query("SELECT to_regclass('alerts') IS NOT NULL AS migrated").execute()
                    .compose(rows -> rows.iterator().next().getBoolean("migrated")
                            ? new AlertStore(pool).resolveAllOfDevices(devicePrefix, ACTOR, NOTE_CODE, at)
                            : Future.succeededFuture(0)); // the server never ran here: a first run
            return closed.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StartupException("cannot close the previous demo run's alerts: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while closing the previous demo run's alerts", e);
        } finally {
            pool.close();
            vertx.close();
        }
    }
}
