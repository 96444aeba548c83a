package io.gridwatch.broker;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.gridwatch.config.BrokerConfig;
import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.ingest.ReadingDecoder;
import io.gridwatch.ingest.RejectLog;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.store.ReadingSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker mode: this node as a QoS 1 member of {@code $share/gridwatch/devices/+/readings} at the site's broker
 * (HiveMQ MQTT 5 client, manual acknowledgement), readings handed to {@link SharedReadings} on this verticle's
 * context and acknowledged only after the commit.
 *
 * <p>The session is persistent (clean start off, {@link BrokerConfig#sessionExpiry()}, a stable client id): a broker
 * keeps what this node was given and did not acknowledge, and hands it over again when the node is back; Mosquitto
 * 2 does only that (it neither moves them to another member nor stops queueing new ones for the absent node), EMQX 5
 * and HiveMQ move them to the other members when the session ends. A lost connection is tried again after 1 s,
 * doubling to 30 s, for as long as the node runs; start-up does not wait for the broker.
 *
 * <p>{@link #stop()} takes no more readings, lets those in hand commit and be acknowledged for up to the grace,
 * then disconnects, keeping the session.
 */
public final class BrokerSubscriber extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSubscriber.class);
    /**
     * How many unacknowledged readings the broker may have out to this node (MQTT 5 receive maximum): the protocol's
     * largest. A smaller one was exceeded by Debian's Mosquitto 2.0.11 under load (bench/broker.sh), and the client
     * then drops the connection; the broker's own window (Mosquitto's max_inflight_messages) is the real limit.
     */
    static final int RECEIVE_MAXIMUM = 65_535;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final long DRAIN_POLL_MS = 20;
    /** As the own listener's largest packet (8 KiB): readings are a few hundred bytes. */
    private static final int MAX_PAYLOAD_BYTES = 8 * 1024;

    private final BrokerConfig config;
    private final DeviceDirectory directory;
    private final ReadingSink sink;
    private final Metrics metrics;
    private final BrokerLink link;
    private final Clock clock;
    private Mqtt5AsyncClient client;
    private SharedReadings readings;
    private BrokerMetrics figures;
    private volatile boolean stopping;

    public BrokerSubscriber(BrokerConfig config, DeviceDirectory directory, ReadingSink sink, Metrics metrics,
            BrokerLink link, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.sink = sink;
        this.metrics = metrics;
        this.link = link;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        figures = new BrokerMetrics(metrics, link::up, () -> readings == null ? 0 : readings.unacknowledged());
        RejectLog rejectLog = new RejectLog(clock);
        readings = new SharedReadings(context, directory,
                new ReadingDecoder(ReadingDecoder.DEFAULT_MAX_AGE, ReadingDecoder.DEFAULT_MAX_AHEAD), sink, figures,
                rejectLog, clock, MAX_PAYLOAD_BYTES);
        vertx.setPeriodic(RejectLog.DEFAULT_PERIOD.toMillis(), id -> rejectLog.sweep());
        Executor onContext = task -> context.runOnContext(v -> task.run());
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(config.clientId())
                .serverHost(config.host()).serverPort(config.port())
                .addConnectedListener(connected -> context.runOnContext(v -> onConnected()))
                .addDisconnectedListener(this::onDisconnected);
        if (config.tls()) {
            builder = config.caFile().isPresent()
                    ? builder.sslConfig().trustManagerFactory(TrustedAuthorities.fromPem(config.caFile().get()))
                            .applySslConfig()
                    : builder.sslWithDefaultConfig();
        }
        client = builder.buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, onContext, true);
        LOG.info("broker mode: connecting [broker: {}, client id: {}, subscription: {}]", config.address(),
                config.clientId(), BrokerConfig.sharedFilter());
        connect();
        return Future.succeededFuture();
    }

    /** The first connect; a failed one goes through {@link #onDisconnected} and is tried again like a lost link. */
    private void connect() {
        var connect = client.connectWith().cleanStart(false).sessionExpiryInterval(config.sessionExpiry().toSeconds())
                .keepAlive(KEEP_ALIVE_SECONDS)
                .restrictions().receiveMaximum(RECEIVE_MAXIMUM).applyRestrictions();
        if (config.username().isPresent()) {
            var auth = connect.simpleAuth().username(config.username().get());
            if (config.password().isPresent()) {
                auth = auth.password(config.password().get().getBytes(StandardCharsets.UTF_8));
            }
            connect = auth.applySimpleAuth();
        }
        connect.send().whenComplete((ack, failure) -> {
            if (failure != null) {
                LOG.debug("first broker connect failed (tried again): {}", failure.toString());
            }
        });
    }

    private void onPublish(Mqtt5Publish publish) {
        readings.accept(new Delivery(publish.getTopic().toString(), publish.getPayloadAsBytes(),
                publish.getQos() != MqttQos.AT_MOST_ONCE, publish::acknowledge));
    }

    private void onConnected() {
        figures.connected();
        link.connected();
        LOG.info("broker link up [broker: {}, client id: {}]", config.address(), config.clientId());
        // again after every connect: harmless when the session kept it, needed when the broker lost it
        client.subscribeWith().topicFilter(BrokerConfig.sharedFilter()).qos(MqttQos.AT_LEAST_ONCE).send()
                .whenComplete((subAck, failure) -> context.runOnContext(v -> {
                    boolean ok = failure == null && subAck.getReasonCodes().stream().noneMatch(c -> c.isError());
                    String problem = failure != null ? String.valueOf(failure.getMessage())
                            : ok ? null : "subscription refused: " + subAck.getReasonCodes();
                    link.subscribed(ok, problem);
                    if (ok) {
                        LOG.info("subscribed at the broker [filter: {}]", BrokerConfig.sharedFilter());
                    } else {
                        LOG.error("cannot subscribe at the broker [filter: {}]: {}", BrokerConfig.sharedFilter(),
                                problem);
                    }
                }));
    }

    /** On the client's thread: decides the reconnect there (the reconnector must be set inside the listener). */
    private void onDisconnected(MqttClientDisconnectedContext lost) {
        if (stopping || lost.getSource() == MqttDisconnectSource.USER) {
            lost.getReconnector().reconnect(false); // a reconnect already planned would outlive the verticle
            return;
        }
        String why = String.valueOf(lost.getCause().getMessage());
        context.runOnContext(v -> {
            readings.connectionLost();
            link.down(why);
        });
        int attempt = lost.getReconnector().getAttempts();
        long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt, 10));
        lost.getReconnector().reconnect(true).delay(delay, TimeUnit.MILLISECONDS);
        if (attempt <= 1 || Long.bitCount(attempt) == 1) { // after 0, 1, 2, 4, 8, … failures: not a line a second
            LOG.warn("broker link down, connecting again [broker: {}, failed attempts: {}, in: {} ms]: {}",
                    config.address(), attempt, delay, why);
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (readings == null) {
            return Future.succeededFuture();
        }
        readings.stop();
        Promise<Void> drained = Promise.promise();
        awaitAcks(drained, System.nanoTime() + SHUTDOWN_GRACE.toNanos());
        return drained.future()
                .compose(v -> Future.fromCompletionStage(client.disconnect(), context).otherwiseEmpty())
                .onComplete(done -> LOG.info("broker mode stopped; the broker keeps the session [client id: {}]",
                        config.clientId()));
    }

    private void awaitAcks(Promise<Void> drained, long deadlineNanos) {
        int left = readings.unacknowledged();
        if (left == 0 || !link.up()) {
            drained.complete();
        } else if (System.nanoTime() >= deadlineNanos) {
            LOG.warn("broker link closing with readings unacknowledged; the broker hands them over again "
                    + "[unacknowledged: {}]", left);
            drained.complete();
        } else {
            vertx.setTimer(DRAIN_POLL_MS, id -> awaitAcks(drained, deadlineNanos));
        }
    }
}
