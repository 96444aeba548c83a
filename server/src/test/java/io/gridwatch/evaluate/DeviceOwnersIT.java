package io.gridwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.testing.Await;
import io.gridwatch.testing.ClusterEnvironment;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broker mode on a cluster: readings of one device that reach different nodes are all judged on one node, each once.
 * Two clustered Vert.x instances with their own Hazelcast members in this JVM; no database needed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeviceOwnersIT {

    static ClusterNode nodeA;
    static ClusterNode nodeB;
    static Vertx vertxA;
    static Vertx vertxB;
    static final List<String> judged = new CopyOnWriteArrayList<>();
    static DeviceOwners ownersA;
    static DeviceOwners ownersB;

    @BeforeAll
    static void twoNodes() {
        List<Map<String, String>> env = ClusterEnvironment.of(2);
        nodeA = ClusterNode.of(GridwatchConfig.fromEnv(env.get(0)).cluster().orElseThrow());
        nodeB = ClusterNode.of(GridwatchConfig.fromEnv(env.get(1)).cluster().orElseThrow());
        vertxA = Await.await(nodeA.start(new VertxOptions()));
        vertxB = Await.await(nodeB.start(new VertxOptions()));
        Eventually.until(Duration.ofSeconds(30), "two members", () -> nodeA.members() == 2 && nodeB.members() == 2);
        ownersA = onContext(vertxA, nodeA, "a");
        ownersB = onContext(vertxB, nodeB, "b");
    }

    @AfterAll
    static void stop() {
        Await.await(vertxB.close());
        Await.await(vertxA.close());
    }

    @Test
    void eachReadingIsJudgedOnceAndEveryReadingOfADeviceOnTheSameNode() {
        Instant t = Instant.parse("2026-12-03T08:00:00Z");
        int devices = 40;
        for (int seq = 0; seq < 10; seq++) {
            for (int d = 0; d < devices; d++) {
                // the broker alternates: even readings reach node a, odd ones node b
                (seq % 2 == 0 ? ownersA : ownersB).offer(reading("dev-" + d, t.plusSeconds(seq), seq), false);
            }
        }

        Eventually.until(Duration.ofSeconds(20), "every reading judged", () -> judged.size() >= devices * 10);
        assertThat(judged).hasSize(devices * 10).doesNotHaveDuplicates();
        Map<String, Set<String>> nodesByDevice = new HashMap<>();
        judged.forEach(entry -> {
            String[] parts = entry.split(" ");
            nodesByDevice.computeIfAbsent(parts[1], id -> new HashSet<>()).add(parts[0]);
        });
        assertThat(nodesByDevice.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
        assertThat(nodesByDevice.values().stream().flatMap(Set::stream).distinct()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aReadingCrossesTheWireUnchanged() {
        Reading reading = new Reading("gas-7", "cell-1", KindRegistry.GAS, Instant.parse("2026-12-03T08:00:00.123Z"),
                42, Measures.of(KindRegistry.GAS, "lel", 23.5, "alarm", true), 88,
                Instant.parse("2026-12-03T08:00:01.456Z"));

        assertThat(ReadingWire.fromJson(ReadingWire.toJson(reading))).isEqualTo(reading);
    }

    /** Owners made on an event loop of {@code vertx}, as the server makes them; they record "node device seq". */
    private static DeviceOwners onContext(Vertx vertx, ClusterNode node, String name) {
        return Await.await(vertx.executeBlocking(() -> null).compose(v -> {
            io.vertx.core.Promise<DeviceOwners> made = io.vertx.core.Promise.promise();
            vertx.runOnContext(x -> made.complete(new DeviceOwners(vertx, node,
                    (r, urgent) -> judged.add(name + " " + r.deviceId() + " " + r.seq()))));
            return made.future();
        }));
    }

    private static Reading reading(String device, Instant ts, long seq) {
        return new Reading(device, "cell-1", KindRegistry.SMOKE, ts, seq,
                Measures.of(KindRegistry.SMOKE, "obscuration", 0.1, "alarm", false), 90, ts);
    }
}
