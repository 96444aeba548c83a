package io.gridwatch.simulator.latency;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.gridwatch.simulator.load.HostPort;
import io.gridwatch.simulator.load.LatencyHistogram;
import io.gridwatch.simulator.load.LoadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One probe run: {@code samples} fresh smoke detectors in one cell, whose grid worker (created for the run) listens
 * on the websocket; each detector publishes one alarm at a steady pace, which opens one alert. The latency of a
 * sample is from just before the PUBLISH is handed to the MQTT client to the arrival of the {@code opened} frame,
 * both on this machine's monotonic clock. Afterwards the probe resolves the alerts it raised.
 */
final class AlertLatencyProbe {

    /** What one run measured. */
    record Result(int samples, long received, LatencyHistogram latencies) {
    }

    private final StaffApi api;
    private final HostPort mqtt;

    AlertLatencyProbe(StaffApi api, HostPort mqtt) {
        this.api = api;
        this.mqtt = mqtt;
    }

    // the worker's socket is only held open (it listens) while the body publishes: javac's "try" lint says unused
    @SuppressWarnings("try")
    Result run(ProbeSite site, String adminToken, int samples, double perSecond) throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String worker = "probe-" + run;
        String password = "probe-" + Long.toString(System.nanoTime(), 36) + "-pass";
        api.addPerson(adminToken, worker, password, "cell_worker", site.cellId());
        String[] ids = new String[samples];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < samples; i++) {
            ids[i] = worker + "-" + i;
            index.put(ids[i], i);
        }
        String[] tokens = api.registerSmokeDetectors(adminToken, ids, site.lon(), site.lat());
        String workerToken = api.login(worker, password);

        AtomicLongArray sent = new AtomicLongArray(samples);
        LatencyHistogram latencies = new LatencyHistogram();
        Queue<String> alertIds = new ConcurrentLinkedQueue<>();
        CountDownLatch arrived = new CountDownLatch(samples);
        List<Mqtt5AsyncClient> clients = connect(ids, tokens);
        try (WorkerSocket socket = WorkerSocket.open(api.base(), workerToken, (device, alertId, at) -> {
            Integer i = index.get(device);
            if (i != null && sent.get(i) != 0) {
                latencies.recordNanos(at - sent.get(i));
                alertIds.add(alertId);
                arrived.countDown();
            }
        })) {
            publishPaced(clients, ids, sent, perSecond);
            arrived.await(30, TimeUnit.SECONDS);
        } finally {
            clients.forEach(Mqtt5AsyncClient::disconnect);
        }
        alertIds.forEach(id -> api.resolve(workerToken, id));
        return new Result(samples, latencies.count(), latencies);
    }

    private List<Mqtt5AsyncClient> connect(String[] ids, String[] tokens) {
        List<Mqtt5AsyncClient> clients = new ArrayList<>(ids.length);
        List<CompletableFuture<?>> connected = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(ids[i])
                    .serverHost(mqtt.host()).serverPort(mqtt.port()).buildAsync();
            connected.add(client.connectWith().simpleAuth().username(ids[i])
                    .password(tokens[i].getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
            clients.add(client);
        }
        try {
            CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LoadException("cannot connect the probe's detectors to " + mqtt + ": " + e, e);
        }
        return clients;
    }

    private static void publishPaced(List<Mqtt5AsyncClient> clients, String[] ids, AtomicLongArray sent,
            double perSecond) {
        long start = System.nanoTime();
        long gap = (long) (1e9 / perSecond);
        for (int i = 0; i < ids.length; i++) {
            LockSupport.parkNanos(start + i * gap - System.nanoTime());
            byte[] alarm = ("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"obscuration\":6.5,"
                    + "\"alarm\":true,\"battery\":90}").getBytes(StandardCharsets.UTF_8);
            sent.set(i, System.nanoTime());
            clients.get(i).publishWith().topic("devices/" + ids[i] + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(alarm).send();
        }
    }
}
