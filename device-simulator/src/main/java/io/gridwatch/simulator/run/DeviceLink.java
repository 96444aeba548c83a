package io.gridwatch.simulator.run;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwatch.simulator.load.DeviceCredentials;
import io.gridwatch.simulator.load.HostPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device's MQTT 5 connection (HiveMQ client) and its outbox.
 * <ul>
 * <li>Automatic reconnect with exponential back-off ({@value #FIRST_RETRY_MS} ms doubling up to
 *     {@value #MAX_RETRY_S} s, ±25 % jitter, by the client), a persistent session (clean start off, session expiry
 *     {@value #SESSION_EXPIRY_S} s), credentials on the client so that every reconnect logs in again.
 * <li>Every reading is QoS 1 and stays in the outbox until its PUBACK. When the connection drops the client
 *     resends what it had in flight itself if the broker kept the session; if the broker lost it (a restarted
 *     gridwatch), the client fails those publishes and the link queues them and publishes them again on the next
 *     connection. Readings the broker refuses (an error reason code) are counted and not resent.
 * <li>Sequence numbers come from {@link #nextSeq()} and only grow.
 * </ul>
 * Thread-safe: readings are sent from the run's scheduler thread, outcomes arrive on the client's threads.
 */
final class DeviceLink {

    static final long FIRST_RETRY_MS = 500;
    static final long MAX_RETRY_S = 30;
    static final long SESSION_EXPIRY_S = 3_600;
    /** Readings kept for resending at most; the oldest go first beyond it. */
    static final int OUTBOX_LIMIT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);

    /** A reading on its way. */
    private record Outgoing(long seq, byte[] payload) {
    }

    private final String deviceId;
    private final String token;
    private final Mqtt5AsyncClient client;
    private final MqttTopic topic;
    private final AtomicLong nextSeq;
    private final RunStats stats;
    private final AckListener listener;
    private final Object lock = new Object();
    /** Publishes failed with the connection, waiting for the next one. Guarded by {@code lock}. */
    private final Deque<Outgoing> waiting = new ArrayDeque<>();
    /** Publishes handed to the client and not yet answered. Guarded by {@code lock}. */
    private int inFlight;

    DeviceLink(DeviceCredentials credentials, HostPort broker, long firstSeq, MqttClientExecutorConfig executors,
            RunStats stats, AckListener listener) {
        this.deviceId = credentials.id();
        this.token = credentials.token();
        this.topic = MqttTopic.of("devices/" + deviceId + "/readings");
        this.nextSeq = new AtomicLong(firstSeq);
        this.stats = stats;
        this.listener = listener;
        this.client = MqttClient.builder().useMqttVersion5()
                .identifier(deviceId)
                .serverHost(broker.host()).serverPort(broker.port())
                .executorConfig(executors)
                .automaticReconnect()
                    .initialDelay(FIRST_RETRY_MS, TimeUnit.MILLISECONDS).maxDelay(MAX_RETRY_S, TimeUnit.SECONDS)
                    .applyAutomaticReconnect()
                .simpleAuth().username(deviceId)
                    .password(credentials.token() == null ? new byte[0]
                            : credentials.token().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                .addConnectedListener(context -> resendWaiting())
                .buildAsync();
    }

    String deviceId() {
        return deviceId;
    }

    /** The device's MQTT password, for the state file. */
    String token() {
        return token;
    }

    /** Connects; completes when the first CONNACK accepted (the client keeps retrying after a failure). */
    CompletableFuture<Void> connect() {
        return client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_S).send()
                .thenApply(connAck -> null);
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    /** The sequence number for the next reading; each call takes a new one. */
    long nextSeq() {
        return nextSeq.getAndIncrement();
    }

    /** The sequence number the next reading would carry (what the state file keeps). */
    long peekSeq() {
        return nextSeq.get();
    }

    /** Sends a reading (QoS 1); it stays in the outbox until acknowledged or refused. */
    void send(long seq, String payload) {
        stats.sent.increment();
        publish(new Outgoing(seq, payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** Readings sent and not yet answered, plus those waiting for a connection. */
    int unanswered() {
        synchronized (lock) {
            return inFlight + waiting.size();
        }
    }

    /** Publishes again what failed with the connection, if connected now; called on connect and by the run's tick. */
    void resendWaiting() {
        List<Outgoing> again;
        synchronized (lock) {
            if (waiting.isEmpty() || !isConnected()) {
                return;
            }
            again = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Outgoing outgoing : again) {
            stats.resent.increment();
            publish(outgoing);
        }
    }

    private void publish(Outgoing outgoing) {
        synchronized (lock) {
            inFlight++;
        }
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(outgoing.payload()).send()
                .whenComplete((result, error) -> answered(outgoing, result, error));
    }

    private void answered(Outgoing outgoing, Mqtt5PublishResult result, Throwable error) {
        Throwable failure = error != null ? error : result.getError().orElse(null);
        boolean refused = failure == null && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                && qos1.getPubAck().getReasonCode().isError();
        synchronized (lock) {
            inFlight--;
            if (failure != null) {
                // lost with the connection: kept for the next one (never resent from inside this callback)
                if (waiting.size() >= OUTBOX_LIMIT) {
                    waiting.removeFirst();
                    stats.dropped.increment();
                }
                waiting.addLast(outgoing);
                return;
            }
        }
        if (refused) {
            stats.refused.increment();
            log.warn("reading refused [device: {}, seq: {}, reason: {}]", deviceId, outgoing.seq(),
                    ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode());
            return;
        }
        stats.acked.increment();
        listener.acked(deviceId, outgoing.seq());
    }

    /** Disconnects politely; the session's unanswered readings are abandoned. */
    CompletableFuture<Void> disconnect(Duration timeout) {
        if (!client.getState().isConnectedOrReconnect()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.disconnect().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> null);
    }
}
