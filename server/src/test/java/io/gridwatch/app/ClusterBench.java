package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.localcluster.NodeProcess;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * The cluster's figures for docs/benchmarks.md, not a CI test (run it by name: {@code -Dit.test=ClusterBench}).
 * The same load through HAProxy on one plain node and on a three-node cluster: PUBACK latency and the nodes' CPU per
 * reading, alarm → websocket latency and CPU per alert; on the cluster also the fan-out of one alert to 1,000
 * websockets spread over the nodes, and a node killed with -9 under the load: time until its devices are back,
 * until its websockets have a fresh snapshot, and how late its due escalations fire. Prints CLUSTER-BENCH lines,
 * also to target/cluster-bench.txt.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ClusterBench {

    private static final int DEVICES = Integer.getInteger("bench.devices", 2_000);
    private static final Duration PERIOD = Duration.ofMillis(Long.getLong("bench.periodMs", 2_000));
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("bench.windowS", 30));
    private static final int ALARMS = 30;
    private static final int FAN_OUT_SOCKETS = Integer.getInteger("bench.sockets", 1_000);
    private static final int DUE = 20;
    private static final Duration ESCALATE_AFTER = Duration.ofSeconds(40);
    private static final List<GridUnit> CELLS = BundledGrid.guangming().units(Level.CELL);
    private static final String DISTRICT = BundledGrid.guangming().units(Level.DISTRICT).get(0).id();
    private static final Path OUT = Path.of("target", "cluster-bench.txt");

    @Test
    void measureOneNodeAgainstThreeAndAFailover() throws Exception {
        Files.deleteIfExists(OUT);
        say("devices=%d period=%dms readings/s=%.0f window=%ds", DEVICES, PERIOD.toMillis(),
                DEVICES * 1000.0 / PERIOD.toMillis(), WINDOW.toSeconds());
        run("single", 1, false);
        run("cluster3", 3, true);
    }

    private void run(String label, int nodes, boolean clustered) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (MultiNodeFixture fixture = MultiNodeFixture.start(nodes, Map.of(
                "GRIDWATCH_ESCALATE_AFTER", "critical=" + ESCALATE_AFTER + ",major=PT15M,minor=PT2H",
                "GRIDWATCH_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "20000"), clustered)) {
            int http = fixture.proxy().httpPort();
            String admin = fixture.login(fixture.node(0).httpPort(), "admin", MultiNodeFixture.ADMIN_PASSWORD);
            JsonArray people = new JsonArray();
            for (int i = 0; i < 10; i++) {
                people.add(ServerFixture.personJson("rescue-" + i, "rescue", DISTRICT));
            }
            for (int i = 0; i < DUE; i++) {
                people.add(ServerFixture.personJson("w-due-" + i, "cell_worker", CELLS.get(1_000 + i).id()));
            }
            HttpResponse<String> added = fixture.post(fixture.node(0).httpPort(), "/api/people", admin, people);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            Map<String, String> load = register(fixture, admin, "load-", 0, DEVICES);
            Map<String, String> alarms = register(fixture, admin, "alarm-", 0, ALARMS);
            Map<String, String> due = register(fixture, admin, "due-", 1_000, DUE);
            String rescue = fixture.login(http, "rescue-0", ServerFixture.PASSWORD);

            // the nodes' own CPU with nothing to do (duties, cluster heartbeats), to tell it from the load's
            long idle0 = cpuMillis(fixture);
            Thread.sleep(10_000);
            long idleMsPerS = (cpuMillis(fixture) - idle0) / 10;
            // the steady load, then one measured window with alarms in it
            DeviceLoad devices = DeviceLoad.start(fixture.proxy().mqttPort(), load, PERIOD);
            Eventually.until(Duration.ofSeconds(120), "every device acknowledged once", devices::allAcknowledged);
            Thread.sleep(10_000);
            devices.drainLatenciesMs();
            try (RoamingSocket watcher = RoamingSocket.open(vertx, http, rescue)) {
                Eventually.until(Duration.ofSeconds(20), "the watcher's snapshot", () -> watcher.snapshots.get() == 1);
                long cpu0 = cpuMillis(fixture);
                long acked0 = devices.acknowledged().size();
                long start = System.nanoTime();
                List<Double> alertMs = alarms(fixture, alarms, watcher, WINDOW);
                long wallMs = (System.nanoTime() - start) / 1_000_000;
                long cpu = cpuMillis(fixture) - cpu0;
                long readings = devices.acknowledged().size() - acked0;
                List<Double> puback = devices.drainLatenciesMs();
                say("%s nodes=%d readings=%d (%.0f/s) puback_ms p50=%.1f p95=%.1f p99=%.1f node_cpu_ms=%d"
                        + " cpu_us_per_reading=%.0f idle_cpu_ms_per_s=%d net_cpu_us_per_reading=%.0f"
                        + " node_cpu_pct=%.0f alert_ms p50=%.1f p95=%.1f max=%.1f (n=%d)",
                        label, nodes, readings, readings * 1000.0 / wallMs, pct(puback, 50), pct(puback, 95),
                        pct(puback, 99), cpu, cpu * 1000.0 / readings, idleMsPerS,
                        (cpu - idleMsPerS * wallMs / 1000.0) * 1000.0 / readings, cpu * 100.0 / wallMs, pct(alertMs, 50),
                        pct(alertMs, 95), pct(alertMs, 100), alertMs.size());
            }
            fanOut(label, fixture, vertx, admin);
            if (nodes > 1) {
                failover(label, fixture, vertx, devices, due);
            }
            devices.stop();
            Set<String> stored = new HashSet<>(fixture.pairs("SELECT device_id, seq FROM readings"
                    + " WHERE device_id LIKE 'load-%'"));
            Set<String> lost = new HashSet<>(devices.acknowledged());
            lost.removeAll(stored);
            say("%s acknowledged=%d stored_of_them=%d lost=%d", label, devices.acknowledged().size(),
                    devices.acknowledged().size() - lost.size(), lost.size());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** One alarm a second for {@code window}, each from a device of its own: ms from PUBLISH to the "opened". */
    private List<Double> alarms(MultiNodeFixture fixture, Map<String, String> alarms, RoamingSocket watcher,
            Duration window) throws Exception {
        List<Double> latencies = new ArrayList<>();
        long gap = window.toMillis() / alarms.size();
        for (Map.Entry<String, String> device : alarms.entrySet()) {
            Mqtt5BlockingClient client = MultiNodeFixture.mqtt5(fixture.proxy().mqttPort(), device.getKey(),
                    device.getKey(), device.getValue());
            int before = watcher.openedAt.size();
            long sent = System.nanoTime();
            client.publishWith().topic("devices/" + device.getKey() + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(DeviceLoad.reading(1, true)).send();
            Eventually.until(Duration.ofSeconds(20), "the alarm's alert", () -> watcher.openedAt.size() > before);
            long at = watcher.openedAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            latencies.add((at - sent) / 1e6);
            client.disconnect();
            Thread.sleep(Math.max(0, gap - (System.nanoTime() - sent) / 1_000_000));
        }
        latencies.sort(Double::compare);
        return latencies;
    }

    /** 1,000 staff websockets through HAProxy (ten log-ins); ten alarms; ms until the last socket has each. */
    private void fanOut(String label, MultiNodeFixture fixture, Vertx vertx, String admin) throws Exception {
        int http = fixture.proxy().httpPort();
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i < 10; i++) {
            tokens.add(fixture.login(http, "rescue-" + i, ServerFixture.PASSWORD));
        }
        List<RoamingSocket> sockets = new ArrayList<>();
        for (int i = 0; i < FAN_OUT_SOCKETS; i++) {
            sockets.add(RoamingSocket.open(vertx, http, tokens.get(i % tokens.size())));
            if (i % 100 == 99) {
                Thread.sleep(200);
            }
        }
        Eventually.until(Duration.ofSeconds(120), "every socket has its snapshot",
                () -> sockets.stream().allMatch(s -> s.snapshots.get() >= 1));
        String perNode = fixture.cluster.nodes().stream()
                .map(n -> n.name() + ":" + fixture.haproxyConnections("gridwatch_http", n.name())).toList().toString();
        Map<String, String> devices = register(fixture, admin, "fan-", 1_500, 10);
        List<Double> lastMs = new ArrayList<>();
        List<Double> firstMs = new ArrayList<>();
        for (Map.Entry<String, String> device : devices.entrySet()) {
            Mqtt5BlockingClient client = MultiNodeFixture.mqtt5(fixture.proxy().mqttPort(), device.getKey(),
                    device.getKey(), device.getValue());
            long sent = System.nanoTime();
            client.publishWith().topic("devices/" + device.getKey() + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(DeviceLoad.reading(1, true)).send();
            String key = device.getKey();
            Eventually.until(Duration.ofSeconds(30), "the alert is stored", () -> count(fixture,
                    "SELECT count(*) FROM alerts WHERE source_device = '" + key + "'") == 1);
            String id = String.valueOf(count(fixture, "SELECT id FROM alerts WHERE source_device = '" + key + "'"));
            Eventually.until(Duration.ofSeconds(30), "the alert reaches every socket",
                    () -> sockets.stream().allMatch(s -> s.openedAt.containsKey(id)));
            long last = sockets.stream().mapToLong(s -> s.openedAt.get(id)).max().orElseThrow();
            long first = sockets.stream().mapToLong(s -> s.openedAt.get(id)).min().orElseThrow();
            lastMs.add((last - sent) / 1e6);
            firstMs.add((first - sent) / 1e6);
            client.disconnect();
            Thread.sleep(1_000);
        }
        lastMs.sort(Double::compare);
        firstMs.sort(Double::compare);
        say("%s fan_out sockets=%d per_node=%s publish_to_first_ms p50=%.1f publish_to_last_ms p50=%.1f max=%.1f"
                + " (n=%d)", label, sockets.size(), perNode, pct(firstMs, 50), pct(lastMs, 50), pct(lastMs, 100),
                lastMs.size());
        sockets.forEach(RoamingSocket::close);
    }

    /** Alerts due on the last node, 300 websockets through HAProxy; the node killed with -9 under the load. */
    private void failover(String label, MultiNodeFixture fixture, Vertx vertx, DeviceLoad devices,
            Map<String, String> due) throws Exception {
        // the node holding the most devices now
        NodeProcess victim = fixture.cluster.nodes().stream().max(java.util.Comparator.comparingInt(
                n -> fixture.haproxyConnections("gridwatch_mqtt", n.name()))).orElseThrow();
        String rescue = fixture.login(fixture.proxy().httpPort(), "rescue-0", ServerFixture.PASSWORD);
        List<RoamingSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sockets.add(RoamingSocket.open(vertx, fixture.proxy().httpPort(), rescue));
        }
        Eventually.until(Duration.ofSeconds(60), "every socket has its snapshot",
                () -> sockets.stream().allMatch(s -> s.snapshots.get() >= 1));
        for (Map.Entry<String, String> device : due.entrySet()) {
            Mqtt5BlockingClient client = MultiNodeFixture.mqtt5(victim.mqttPort(), device.getKey(), device.getKey(),
                    device.getValue());
            client.publishWith().topic("devices/" + device.getKey() + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(DeviceLoad.reading(1, true)).send();
            client.disconnect();
        }
        String dueIn = "source_device LIKE 'due-%'";
        Eventually.until(Duration.ofSeconds(20), "the due alerts are open",
                () -> count(fixture, "SELECT count(*) FROM alerts WHERE " + dueIn) == DUE);
        long onVictim = fixture.haproxyConnections("gridwatch_mqtt", victim.name());
        long socketsOnVictim = fixture.haproxyConnections("gridwatch_http", victim.name());
        // kill it 10 s before the first deadline
        long firstDeadline = count(fixture, "SELECT (extract(epoch FROM min(escalate_at)) * 1000)::bigint"
                + " FROM alerts WHERE " + dueIn);
        Thread.sleep(Math.max(0, firstDeadline - System.currentTimeMillis() - 10_000));
        int closesBefore = sockets.stream().mapToInt(s -> s.closes.get()).sum();
        long killed = System.nanoTime();
        victim.kill();
        Eventually.until(Duration.ofSeconds(120), "the dead node's devices are back",
                () -> !devices.disconnectedSince(killed).isEmpty() && devices.backSince(killed));
        double devicesBackS = (System.nanoTime() - killed) / 1e9;
        Eventually.until(Duration.ofSeconds(120), "the dropped websockets have a fresh snapshot",
                () -> sockets.stream().allMatch(s -> s.snapshots.get() == s.closes.get() + 1));
        double socketsBackS = (System.nanoTime() - killed) / 1e9;
        int dropped = sockets.stream().mapToInt(s -> s.closes.get()).sum() - closesBefore;
        Eventually.until(Duration.ofSeconds(120), "every due escalation fired", () -> count(fixture,
                "SELECT count(DISTINCT e.alert_id) FROM alert_events e JOIN alerts a ON a.id = e.alert_id"
                        + " WHERE e.type = 'escalated' AND a." + dueIn) == DUE);
        long lateMaxMs = count(fixture, "SELECT (extract(epoch FROM max(e.at - o.at)) * 1000)::bigint - "
                + ESCALATE_AFTER.toMillis() + " FROM alert_events e JOIN alert_events o ON o.alert_id = e.alert_id"
                + " AND o.type = 'opened' JOIN alerts a ON a.id = e.alert_id WHERE e.type = 'escalated' AND a." + dueIn);
        long lateMinMs = count(fixture, "SELECT (extract(epoch FROM min(e.at - o.at)) * 1000)::bigint - "
                + ESCALATE_AFTER.toMillis() + " FROM alert_events e JOIN alert_events o ON o.alert_id = e.alert_id"
                + " AND o.type = 'opened' JOIN alerts a ON a.id = e.alert_id WHERE e.type = 'escalated' AND a." + dueIn);
        long duplicates = count(fixture, "SELECT count(*) - count(DISTINCT (e.alert_id, e.level)) FROM alert_events e"
                + " JOIN alerts a ON a.id = e.alert_id WHERE e.type = 'escalated' AND a." + dueIn);
        say("%s failover devices_on_victim=%d disconnected=%d devices_back_s=%.1f sockets_on_victim=%d dropped=%d"
                + " sockets_back_s=%.1f escalations=%d late_after_deadline_ms min=%d max=%d duplicates=%d",
                label, onVictim, devices.disconnectedSince(killed).size(), devicesBackS, socketsOnVictim, dropped, socketsBackS,
                DUE, lateMinMs, lateMaxMs, duplicates);
        sockets.forEach(RoamingSocket::close);
    }

    private static Map<String, String> register(MultiNodeFixture fixture, String admin, String prefix, int firstCell,
            int count) throws Exception {
        Map<String, String> tokens = new HashMap<>();
        for (int from = 0; from < count; from += 1_000) {
            JsonArray batch = new JsonArray();
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                Point inside = CELLS.get((firstCell + i) % CELLS.size()).geometry().getInteriorPoint();
                batch.add(new JsonObject().put("id", prefix + i).put("kind", "smoke").put("lon", inside.getX())
                        .put("lat", inside.getY()));
            }
            HttpResponse<String> response = fixture.post(fixture.node(0).httpPort(), "/api/devices", admin, batch);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            new JsonArray(response.body()).forEach(o -> tokens.put(((JsonObject) o).getString("id"),
                    ((JsonObject) o).getString("token")));
        }
        return tokens;
    }

    private static long cpuMillis(MultiNodeFixture fixture) {
        return fixture.cluster.nodes().stream().filter(NodeProcess::alive)
                .mapToLong(n -> ProcessHandle.of(n.pid()).flatMap(p -> p.info().totalCpuDuration())
                        .map(Duration::toMillis).orElse(0L)).sum();
    }

    private static long count(MultiNodeFixture fixture, String sql) {
        try {
            return fixture.count(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double pct(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1 < 0 ? 0
                : (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static void say(String format, Object... args) {
        String line = "CLUSTER-BENCH " + String.format(format, args);
        System.err.println(line);
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
