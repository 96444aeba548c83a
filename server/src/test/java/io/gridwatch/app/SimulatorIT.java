package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.simulator.load.HostPort;
import io.gridwatch.simulator.run.FleetRun;
import io.gridwatch.simulator.run.RunSettings;
import io.gridwatch.simulator.scenario.Incidents;
import io.gridwatch.simulator.scenario.SensorSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device simulator ({@code run}) against the real server: a small fleet registers through the devices API,
 * reports over MQTT, and survives a server restart without losing an acknowledged reading or a sequence number.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SimulatorIT {

    private static final int SMOKE = 12;
    private static final int GAUGES = 4;

    @TempDir
    Path dir;

    /** Acknowledged sequence numbers per device, as the simulator saw them. */
    private final Map<String, Set<Long>> acked = new ConcurrentHashMap<>();

    @Test
    void aSmallFleetRegistersAndEveryAcknowledgedReadingIsStored() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            // given a fleet of detectors and gauges reporting every second, with a fire from the start
            RunSettings settings = settings(fixture).withIncidents(Incidents.NONE.withFireAt(Duration.ZERO), null);

            // when it runs for a while
            try (FleetRun run = FleetRun.start(settings, fixture.server.locator().grid())) {
                awaitTrue(() -> run.stats().acked() >= 3L * (SMOKE + GAUGES), 60);
            }

            // then every acknowledged reading is in the database, once, with gapless sequence numbers from 0
            assertThat(acked).hasSize(SMOKE + GAUGES);
            assertStoredExactlyOnce(fixture);
            assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id LIKE 'it-water-%' AND level > 0"))
                    .isPositive();
            assertThat(fixture.count("SELECT count(*) FROM devices WHERE id LIKE 'it-%'")).isEqualTo(SMOKE + GAUGES);
            for (Set<Long> seqs : acked.values()) {
                assertThat(new TreeSet<>(seqs).first()).isZero();
                assertThat(new TreeSet<>(seqs).last()).isEqualTo(seqs.size() - 1);
            }
        }
    }

    @Test
    void aServerRestartMidRunLosesNoAcknowledgedReadingAndSequenceNumbersContinue() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            RunSettings settings = settings(fixture);
            try (FleetRun run = FleetRun.start(settings, fixture.server.locator().grid())) {
                awaitTrue(() -> run.stats().acked() >= 2L * (SMOKE + GAUGES), 60);

                // when the server stops mid-run for a few seconds and comes back on the same MQTT port
                int mqttPort = fixture.server.mqttPort();
                fixture.stopServer();
                long ackedWhileDown = run.stats().acked();
                Thread.sleep(3_000);
                assertThat(run.stats().sent()).isGreaterThan(ackedWhileDown);
                fixture.environment.put("GRIDWATCH_MQTT_PORT", Integer.toString(mqttPort));
                fixture.startServer();

                // then the devices reconnect by themselves and everything sent is acknowledged in the end
                awaitTrue(() -> run.connected() == SMOKE + GAUGES, 60);
                long sentAfter = run.stats().sent() + 2L * (SMOKE + GAUGES);
                awaitTrue(() -> run.stats().acked() >= sentAfter, 60);
            }
            assertStoredExactlyOnce(fixture);
            for (Set<Long> seqs : acked.values()) {
                assertThat(new TreeSet<>(seqs).last()).isEqualTo(seqs.size() - 1);
            }

            // when the simulator itself restarts (after a clean stop) on the same state file
            Map<String, Long> before = nextSeqs();
            try (FleetRun again = FleetRun.start(settings, fixture.server.locator().grid())) {
                awaitTrue(() -> again.stats().acked() >= SMOKE + GAUGES, 60);
            }

            // then it reuses the tokens and each device's numbers continue where they stopped
            assertStoredExactlyOnce(fixture);
            before.forEach((device, next) -> assertThat(acked.get(device)).contains(next));
        }
    }

    @Test
    void aSimulatorThatDidNotStopCleanlySkipsAheadInsteadOfReusingANumber() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            RunSettings settings = settings(fixture);
            try (FleetRun run = FleetRun.start(settings, fixture.server.locator().grid())) {
                awaitTrue(() -> run.stats().acked() >= SMOKE + GAUGES, 60);
            }
            // given a state file as a crash mid-run leaves it
            ObjectNode state = (ObjectNode) new ObjectMapper().readTree(settings.stateFile().toFile());
            Files.writeString(settings.stateFile(), state.put("clean", false).toString());
            Map<String, Long> saved = nextSeqs();
            acked.clear();

            // when the simulator starts again
            try (FleetRun run = FleetRun.start(settings, fixture.server.locator().grid())) {
                awaitTrue(() -> run.stats().acked() >= SMOKE + GAUGES, 60);
            }

            // then every device's numbers skip ahead by the margin
            saved.forEach((device, next) -> assertThat(acked.get(device)).allMatch(seq -> seq >= next + 1_000));
        }
    }

    private RunSettings settings(ServerFixture fixture) {
        return RunSettings.defaults(new HostPort("127.0.0.1", fixture.server.mqttPort()),
                        URI.create("http://127.0.0.1:" + fixture.server.httpPort()), "admin",
                        ServerFixture.ADMIN_PASSWORD, dir.resolve("sim/fleet-state.json"))
                .withFleet(3, SMOKE, GAUGES, "it-")
                .withSensors(SensorSettings.DEFAULTS.withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1)).withFailures(0, 0))
                .withTiming(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withListener((device, seq) -> acked.computeIfAbsent(device, d -> new ConcurrentSkipListSet<>())
                        .add(seq));
    }

    private void assertStoredExactlyOnce(ServerFixture fixture) throws Exception {
        long total = acked.values().stream().mapToLong(Set::size).sum();
        long distinct = fixture.count("SELECT count(DISTINCT (device_id, seq)) FROM readings WHERE device_id LIKE 'it-%'");
        assertThat(distinct).isGreaterThanOrEqualTo(total);
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id LIKE 'it-%'")).isEqualTo(distinct);
        for (Map.Entry<String, Set<Long>> device : acked.entrySet()) {
            String seqs = String.join(",", device.getValue().stream().map(String::valueOf).toList());
            long inDb = fixture.count("SELECT count(*) FROM readings WHERE device_id = '" + device.getKey()
                    + "' AND seq IN (" + seqs + ")");
            assertThat(inDb).as(device.getKey()).isEqualTo(device.getValue().size());
        }
    }

    private Map<String, Long> nextSeqs() throws Exception {
        Map<String, Long> next = new HashMap<>();
        new ObjectMapper().readTree(dir.resolve("sim/fleet-state.json").toFile()).path("devices")
                .forEach(d -> next.put(d.path("id").asText(), d.path("next_seq").asLong()));
        return next;
    }

    private static void awaitTrue(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition met within " + seconds + " s").isTrue();
    }
}
