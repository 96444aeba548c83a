package io.gridwatch.store;

import io.gridwatch.metrics.Metrics;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage layer, started as one piece: migrations (on a worker thread), the general pool, the
 * storage mode, and on the native path the partition maintainer and rollup refresher, then the
 * reading writer with its own connections. {@link #close()} takes it down in reverse order after
 * flushing the writer. The accessors are thread-safe.
 */
public final class Database {

    /** How often {@code /health}'s view of the database is refreshed, and how long an answer may take. */
    private static final long PROBE_INTERVAL_MS = 2_000;
    private static final long PROBE_TIMEOUT_MS = 1_500;
    /**
     * Probes in a row that may go unanswered before the database counts as down. A refusal (the server gone, a
     * closed port) counts at once; a slow answer is often a busy machine or a pool queued with work, and a node that
     * turned {@code /health} red on one would be cut loose by the load balancer just when it is needed most.
     */
    private static final int SLOW_PROBES_TOLERATED = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final Vertx vertx;
    private final long probeTimer;
    private volatile boolean reachable = true;
    /** Unanswered probes in a row; only the probe's callbacks (one context) touch it. */
    private int slowProbes;
    private final StorageMode mode;
    private final Pool pool;
    private final ReadingWriter readings;
    private final DeviceStore devices;
    private final GridUnitStore gridUnits;
    private final RollupRefresher rollups;
    private final List<String> deployments;

    private Database(Vertx vertx, StorageMode mode, Pool pool, ReadingWriter readings, RollupRefresher rollups,
            List<String> deployments) {
        this.vertx = vertx;
        this.mode = mode;
        this.pool = pool;
        this.readings = readings;
        this.rollups = rollups;
        this.deployments = deployments;
        this.devices = new DeviceStore(pool);
        this.gridUnits = new GridUnitStore(vertx, pool);
        this.probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MS, id -> probe());
    }

    /** Starts with {@link StorageOptions#defaults()}. */
    public static Future<Database> start(Vertx vertx, DbConfig config, Metrics metrics) {
        return start(vertx, config, metrics, StorageOptions.defaults());
    }

    /**
     * Migrates the schema and starts everything; fails (having closed whatever it started) when
     * the database cannot be reached or a migration fails.
     */
    public static Future<Database> start(Vertx vertx, DbConfig config, Metrics metrics, StorageOptions options) {
        return vertx.executeBlocking(() -> Migrations.run(config, options)).compose(mode -> {
            Pool pool = pool(vertx, config, options.poolSize(), "gridwatch");
            List<Deployable> verticles = new ArrayList<>();
            RollupRefresher rollups = null;
            if (mode == StorageMode.NATIVE) {
                rollups = new RollupRefresher(pool, options, Clock.systemUTC());
                verticles.add(new PartitionMaintainer(pool, options, Clock.systemUTC()));
                verticles.add(rollups);
            }
            ReadingWriter writer = new ReadingWriter(config, options, metrics, rollups);
            verticles.add(writer);
            List<String> deployed = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Deployable verticle : verticles) {
                chain = chain.compose(v -> vertx.deployVerticle(verticle).map(id -> {
                    deployed.add(id);
                    return null;
                }));
            }
            RollupRefresher refresher = rollups;
            return chain
                    .map(v -> {
                        LOG.info("storage ready [mode: {}, database: {}]", mode, config);
                        return new Database(vertx, mode, pool, writer, refresher, deployed);
                    })
                    .recover(failure -> undeploy(vertx, deployed)
                            .eventually(pool::close)
                            .transform(ignored -> Future.failedFuture(failure)));
        });
    }

    /**
     * A pool of the given size with cached prepared statements and a 5 s connect timeout (so that
     * an unreachable host fails writes in seconds, not after the default minute).
     */
    public static Pool pool(Vertx vertx, DbConfig config, int size, String name) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size).setName(name))
                .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setTcpKeepAlive(true))
                // durability of an acknowledged reading must not depend on how the server is tuned
                .connectingTo(config.connectOptions().setCachePreparedStatements(true)
                        .addProperty("synchronous_commit", "on"))
                .using(vertx)
                .build();
    }

    /** The reading writer: the {@link ReadingSink} for MQTT. */
    public ReadingWriter readings() {
        return readings;
    }

    public DeviceStore devices() {
        return devices;
    }

    public GridUnitStore gridUnits() {
        return gridUnits;
    }

    /** The general pool, for other stores (people, alerts, …); the writer has its own connections. */
    public Pool pool() {
        return pool;
    }

    public StorageMode mode() {
        return mode;
    }

    /** The rollup refresher on the native path, null on TimescaleDB. */
    public RollupRefresher rollups() {
        return rollups;
    }

    /**
     * Whether the database answers and writes reach it (for {@code /health}). A quiet server has no
     * failing writes to notice an outage by, hence the probe. Any thread.
     */
    public boolean healthy() {
        return reachable && readings.healthy();
    }

    private void probe() {
        pool.query(ReadingSql.PROBE).execute().timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(answer -> {
                    boolean slow = answer.failed() && answer.cause() instanceof TimeoutException;
                    slowProbes = slow ? slowProbes + 1 : 0;
                    // a slow answer keeps the state it finds (a database that was down is not up on a timeout)
                    boolean now = answer.succeeded() || (slow && reachable && slowProbes <= SLOW_PROBES_TOLERATED);
                    if (now != reachable) {
                        LOG.warn("database {} [probe: {}]", now ? "answers again" : "counts as down",
                                answer.succeeded() ? "answered" : answer.cause().getMessage());
                    }
                    reachable = now;
                });
    }

    /** Flushes the writer, stops the maintenance tasks and closes the connections. */
    public Future<Void> close() {
        vertx.cancelTimer(probeTimer);
        return undeploy(vertx, deployments).eventually(pool::close)
                .onComplete(r -> LOG.info("storage closed"));
    }

    /** Undeploys in reverse order (the writer first, so that it flushes while the rest still runs). */
    private static Future<Void> undeploy(Vertx vertx, List<String> deployments) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> vertx.undeploy(id).otherwiseEmpty());
        }
        return chain;
    }
}
