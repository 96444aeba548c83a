package io.gridwatch.app;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Smoke detectors publishing a quiet reading each every {@code period}, QoS 1, MQTT 5, through one port (HAProxy's),
 * reconnecting by themselves (HiveMQ's automatic reconnect, 100 ms doubling to 2 s) when their node goes. Records
 * every reading acknowledged with success, each device's latest acknowledgement and disconnection, and the PUBACK
 * latencies. Thread-safe; {@link #stop} once.
 */
final class DeviceLoad {

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastAck = new ConcurrentHashMap<>();
    /** When each device last lost its connection (nanoTime). */
    private final Map<String, Long> disconnectedAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong disconnects = new AtomicLong();
    private final List<Mqtt5AsyncClient> clients = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    /** Connects every device (at most 200 CONNECTs at a time), then publishes until {@link #stop}. */
    static DeviceLoad start(int port, Map<String, String> tokens, Duration period) {
        DeviceLoad load = new DeviceLoad();
        List<CompletableFuture<?>> connecting = new ArrayList<>();
        for (Map.Entry<String, String> device : tokens.entrySet()) {
            connecting.add(load.connect(port, device.getKey(), device.getValue()));
            if (connecting.size() == 200) {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
                connecting.clear();
            }
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
        // each device at its own phase of the period, so that the load is even
        long step = Math.max(1, period.toMillis() / Math.max(1, load.clients.size()) * 1_000);
        for (int i = 0; i < load.clients.size(); i++) {
            Mqtt5AsyncClient client = load.clients.get(i);
            load.timer.scheduleAtFixedRate(() -> load.publish(client), i * step, period.toMillis() * 1_000,
                    TimeUnit.MICROSECONDS);
        }
        return load;
    }

    private CompletableFuture<?> connect(int port, String device, String token) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(device)
                .serverHost("127.0.0.1").serverPort(port)
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .simpleAuth().username(device).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .addDisconnectedListener(context -> {
                    disconnects.incrementAndGet();
                    disconnectedAt.put(device, System.nanoTime());
                })
                .buildAsync();
        seqs.put(device, new AtomicLong());
        synchronized (clients) {
            clients.add(client);
        }
        return client.connect();
    }

    private void publish(Mqtt5AsyncClient client) {
        if (!client.getState().isConnected()) {
            return;
        }
        String device = client.getConfig().getClientIdentifier().orElseThrow().toString();
        long seq = seqs.get(device).incrementAndGet();
        long sent = System.nanoTime();
        client.publishWith().topic("devices/" + device + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(reading(seq, false)).send().whenComplete((result, error) -> {
                    if (error == null && acked(result)) {
                        long now = System.nanoTime();
                        acknowledged.add(device + "/" + seq);
                        lastAck.put(device, now);
                        latenciesNanos.add(now - sent);
                    }
                });
    }

    static byte[] reading(long seq, boolean alarm) {
        return new JsonObject().put("ts", System.currentTimeMillis()).put("seq", seq)
                .put("obscuration", alarm ? 7.0 : 0.2).put("alarm", alarm).put("battery", 90).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean acked(Mqtt5PublishResult result) {
        return result.getError().isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                && qos1.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.SUCCESS;
    }

    boolean allAcknowledged() {
        return lastAck.size() == clients.size();
    }

    long disconnects() {
        return disconnects.get();
    }

    /** Devices whose latest lost connection came after {@code since} (nanoTime). */
    Set<String> disconnectedSince(long since) {
        return disconnectedAt.entrySet().stream().filter(e -> e.getValue() > since).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Every device that lost its connection after {@code since} has had a reading acknowledged after that. */
    boolean backSince(long since) {
        return disconnectedAt.entrySet().stream().filter(e -> e.getValue() > since)
                .allMatch(e -> lastAck.getOrDefault(e.getKey(), 0L) > e.getValue());
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** The PUBACK latencies recorded so far, in ms, sorted; and forgets them (one window at a time). */
    List<Double> drainLatenciesMs() {
        List<Double> drained = new ArrayList<>();
        Long next;
        while ((next = latenciesNanos.poll()) != null) {
            drained.add(next / 1e6);
        }
        drained.sort(Double::compare);
        return drained;
    }

    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        for (Mqtt5AsyncClient client : clients) {
            client.disconnect();
        }
    }
}
