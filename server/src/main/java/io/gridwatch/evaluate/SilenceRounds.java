package io.gridwatch.evaluate;

import io.gridwatch.cluster.Changes;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.rules.Decision;
import io.gridwatch.rules.DeviceRuleState;
import io.gridwatch.rules.OfflineDetector;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import io.gridwatch.store.DeviceState;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline detection for a cluster, from the database: a device may report through any node, so no node's memory knows
 * who fell silent. Each round (run by every node through {@code app.PeriodicDuty}) one node at a time takes a
 * transaction-scoped advisory lock; the others skip the round. The holder reads the devices not heard from
 * ({@code device_state.received_at}) for at least the shortest silence that can count as offline and without an
 * offline alert opened since, learns each one's usual interval from its stored readings (cached until it reports
 * again), and raises offline, through the {@link RuleEngine}'s own offline detector, for those past their deadline;
 * then tells the other nodes, so that whoever hears the device next recalls its state and clears the alert.
 *
 * <p>A node that just started gives every device a full window from its start, as a single node does after a
 * restart. Not thread-safe: one {@code PeriodicDuty} calls it, one round at a time.
 */
public final class SilenceRounds implements Supplier<Future<Integer>> {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceRounds.class);
    /** Silent devices judged per round at most; the rest wait a round. */
    private static final int BATCH = 500;
    /** How far back a device's readings are read to learn its interval. */
    private static final Duration LEARN_SPAN = Duration.ofDays(1);

    private final Pool pool;
    private final DeviceStore devices;
    private final RuleEngine engine;
    private final AlertLifecycle lifecycle;
    private final Grid grid;
    private final Changes changes;
    private final Clock clock;
    private final Instant started;
    private final Duration shortestSilence;
    /** Devices' reading times as last read, by device, with the receipt time they were read at. */
    private final Map<String, Learned> learned = new HashMap<>();

    public SilenceRounds(Pool pool, DeviceStore devices, RuleEngine engine, RuleSettings settings,
            AlertLifecycle lifecycle, Grid grid, Changes changes, Clock clock) {
        this.pool = pool;
        this.devices = devices;
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.grid = grid;
        this.changes = changes;
        this.clock = clock;
        this.started = clock.instant();
        this.shortestSilence = Duration.ofMillis(Math.round(settings.offlineMinInterval().toMillis()
                * settings.offlineAfter()));
    }

    private record Learned(Instant receivedAt, List<Instant> timestamps) {
    }

    private record Silent(String deviceId, Instant receivedAt, String cellId) {
    }

    @Override
    public Future<Integer> get() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.query(SilenceSql.TRY_LOCK).execute().compose(locked -> {
            if (!locked.iterator().next().getBoolean(0)) {
                return Future.succeededFuture(0);
            }
            return silent(conn, now).compose(found -> judge(found, now));
        }));
    }

    private Future<List<Silent>> silent(SqlConnection conn, Instant now) {
        return conn.preparedQuery(SilenceSql.SILENT)
                .execute(Tuple.of(now.minus(shortestSilence).atOffset(ZoneOffset.UTC), BATCH)).map(rows -> {
                    List<Silent> found = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        found.add(new Silent(row.getString("device_id"),
                                row.getOffsetDateTime("received_at").toInstant(), row.getString("cell_id")));
                    }
                    return found;
                });
    }

    /** One device after the other: the round holds its lock until every raise is written. */
    private Future<Integer> judge(List<Silent> found, Instant now) {
        Future<List<String>> raised = Future.succeededFuture(new ArrayList<>());
        for (Silent device : found) {
            raised = raised.compose(ids -> judge(device, now).map(raise -> {
                if (raise) {
                    ids.add(device.deviceId());
                }
                return ids;
            }));
        }
        return raised.map(ids -> {
            if (!ids.isEmpty()) {
                changes.announce(Changes.Topic.DEVICE_RULE_STATE, ids);
            }
            return ids.size();
        });
    }

    private Future<Boolean> judge(Silent device, Instant now) {
        Optional<GridPath> path = Optional.ofNullable(device.cellId()).flatMap(grid::path);
        if (path.isEmpty()) {
            return Future.succeededFuture(false);
        }
        return timestamps(device).compose(times -> {
            Instant lastHeard = device.receivedAt().isAfter(started) ? device.receivedAt() : started;
            DeviceRuleState state = engine.restore(device.deviceId(), Map.of(), lastHeard, times);
            List<Decision> decisions = engine.onTick(state, now);
            if (decisions.isEmpty()) {
                return Future.succeededFuture(false);
            }
            learned.remove(device.deviceId());
            return lifecycle.apply(decisions.get(0), path.get()).map(true).recover(e -> {
                LOG.warn("cannot raise offline [device-id: {}]: {}", device.deviceId(), e.toString());
                return Future.succeededFuture(false);
            });
        });
    }

    /** The device's latest reading times, read once per reading it sends. */
    private Future<List<Instant>> timestamps(Silent device) {
        Learned known = learned.get(device.deviceId());
        if (known != null && known.receivedAt().equals(device.receivedAt())) {
            return Future.succeededFuture(known.timestamps());
        }
        return devices.recentReadings(device.deviceId(), device.receivedAt().minus(LEARN_SPAN),
                OfflineDetector.LEARNED_INTERVALS + 1).map(rows -> {
                    List<Instant> times = rows.stream().map(DeviceState::lastTs).toList();
                    learned.put(device.deviceId(), new Learned(device.receivedAt(), times));
                    return times;
                });
    }
}
