package io.gridwatch.evaluate;

import static io.gridwatch.testing.LifecycleFixture.await;
import static io.gridwatch.testing.LifecycleFixture.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.cluster.Changes;
import io.gridwatch.config.EscalateAfter;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Thresholds;
import io.gridwatch.people.Role;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import io.gridwatch.store.DeviceStore;
import io.gridwatch.testing.LifecycleFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster's offline check, from the database: devices reporting through any node, every node running the round,
 * one offline alert per silent device.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, timeUnit = TimeUnit.MINUTES)
class SilenceRoundsTest {

    static LifecycleFixture db;
    static Grid grid;
    static String cell;
    static int devices;

    AlertLifecycle lifecycle;

    @BeforeAll
    static void start(Vertx vertx) {
        db = LifecycleFixture.start(vertx);
        grid = BundledGrid.guangming();
        cell = grid.units(Level.CELL).get(0).id();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void roster() {
        db.roster(person("w-1", Role.CELL_WORKER, cell));
        await(db.database.pool().query("TRUNCATE devices, device_state, readings CASCADE").execute());
        lifecycle = db.lifecycle(EscalateAfter.DEFAULTS);
    }

    @Test
    void twoNodesRunningTheRoundAtOnceRaiseOneOfflineAlertForASilentDevice() {
        SilenceRounds nodeA = node();
        SilenceRounds nodeB = node();
        Device smoke = reportingEvery(Duration.ofMinutes(1), 5);

        db.clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        List<Integer> raised = await(Future.all(nodeA.get(), nodeB.get()).map(all -> List.of(all.resultAt(0),
                all.resultAt(1))));
        List<Integer> again = await(Future.all(nodeA.get(), nodeB.get()).map(all -> List.of(all.resultAt(0),
                all.resultAt(1))));

        assertThat(raised.get(0) + raised.get(1)).isEqualTo(1);
        assertThat(again).containsExactly(0, 0);
        assertThat(offlineAlertsOf(smoke)).hasSize(1);
    }

    @Test
    void aDeviceIsJudgedByTheIntervalItReportsAtWhicheverNodeHeardIt() {
        SilenceRounds node = node();
        Device gauge = reportingEvery(Duration.ofMinutes(15), 4);

        db.clock.advance(Duration.ofMinutes(10));
        assertThat(await(node.get())).isZero();

        db.clock.advance(Duration.ofMinutes(36));
        assertThat(await(node.get())).isEqualTo(1);
        assertThat(offlineAlertsOf(gauge)).hasSize(1);
    }

    @Test
    void anOfflineAlertAPersonResolvedIsNotRaisedAgainWhileTheDeviceStaysSilent() {
        SilenceRounds node = node();
        Device smoke = reportingEvery(Duration.ofMinutes(1), 5);
        db.clock.advance(Duration.ofMinutes(4));
        assertThat(await(node.get())).isEqualTo(1);
        Alert offline = offlineAlertsOf(smoke).get(0);

        await(lifecycle.store().resolve(offline.id(), "w-1", "battery swapped next week", db.clock.instant()));
        db.clock.advance(Duration.ofMinutes(10));

        assertThat(await(node.get())).isZero();
        assertThat(offlineAlertsOf(smoke)).hasSize(1);
    }

    private SilenceRounds node() {
        return new SilenceRounds(db.database.pool(), new DeviceStore(db.database.pool()),
                new RuleEngine(RuleSettings.DEFAULTS), RuleSettings.DEFAULTS, lifecycle, grid, Changes.SINGLE_NODE,
                db.clock);
    }

    /** A new device that sent {@code count} readings {@code every} apart, the last one now. */
    private Device reportingEvery(Duration every, int count) {
        Device device = new Device("silent-" + ++devices, KindRegistry.SMOKE, "kitchen", 113.9, 22.75, cell,
                Thresholds.NONE, db.clock.instant());
        await(new DeviceStore(db.database.pool()).insert(device, "not-a-real-hash"));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                db.clock.advance(every);
            }
            Instant now = db.clock.instant();
            await(db.database.readings().write(new Reading(device.id(), cell, KindRegistry.SMOKE, now, i,
                    Measures.of(KindRegistry.SMOKE, "obscuration", 0.1, "alarm", false), 90, now)));
        }
        return device;
    }

    private List<Alert> offlineAlertsOf(Device device) {
        return await(lifecycle.store().list(AlertQuery.all(100))).stream()
                .filter(a -> a.kind() == AlertKind.OFFLINE && device.id().equals(a.source().device())).toList();
    }
}
