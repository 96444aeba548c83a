package io.gridwatch.ingest;

import io.gridwatch.metrics.Metrics;
import io.gridwatch.store.ReadingSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT endpoint of the sensors (ARCHITECTURE 3.3), MQTT 3.1.1 and 5 on vertx-mqtt: a device logs in with its
 * id and token, publishes JSON readings to {@code devices/{id}/readings}, and each QoS 1/2 reading is acknowledged
 * only after the {@link ReadingSink} stored it. Protocol decisions live in {@link Connector} (log-in),
 * {@link DeviceSession} (publishes) and {@link Refusals} (what each refusal answers); this class wires them.
 *
 * <p>Deploy one instance: the registry of connected devices, which makes a second log-in of a device take over
 * the first, is per instance. All connections run on this verticle's event loop, and nothing there blocks.
 *
 * <p>{@link #stop()} shuts down gracefully: new log-ins are refused (server unavailable), new publishes are left
 * unacknowledged (devices send them again later), writes already running may finish for up to the shutdown grace
 * and their acknowledgements go out, then every connection is closed (MQTT 5: DISCONNECT 0x8B). Undeploy it before
 * closing the sink.
 */
public final class MqttIngestServer extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestServer.class);
    private static final long SWEEP_MILLIS = 30_000;
    private static final long DRAIN_POLL_MILLIS = 10;
    private static final int MAX_CLIENT_ID_LENGTH = 256;

    private final MqttIngestOptions options;
    private final AuthCache authCache;
    private final IngestServices services;
    private final Connector connector;
    private volatile boolean stopping;
    private volatile int actualPort = -1;
    private MqttServer server;
    private long sweepTimer = -1;

    public MqttIngestServer(MqttIngestOptions options, DeviceDirectory directory, ReadingSink sink, Metrics metrics,
            Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        Sessions sessions = new Sessions();
        this.authCache = new AuthCache(options.authCacheTtl(), clock);
        ReadingDecoder decoder = new ReadingDecoder(options.maxReadingAge(), options.maxClockAhead());
        this.services = new IngestServices(options, decoder,
                Objects.requireNonNull(sink, "sink"), new IngestMetrics(metrics, sessions::size), new RejectLog(clock),
                sessions, new SessionStore(clock), clock, () -> stopping);
        this.connector = new Connector(services, new DeviceAuthenticator(Objects.requireNonNull(directory), authCache));
    }

    @Override
    public Future<?> start() {
        server = MqttServer.create(vertx, serverOptions(options));
        server.endpointHandler(connector::connect);
        server.exceptionHandler(this::onRefusedByVertxMqtt);
        sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
        return server.listen()
                .recover(failure -> Future.failedFuture(new IllegalStateException("mqtt endpoint cannot listen on "
                        + options.host() + ":" + options.port() + ": " + failure.getMessage(), failure)))
                .onSuccess(listening -> {
                    actualPort = listening.actualPort();
                    LOG.info("mqtt endpoint listening [port: {}, tls: {}]", actualPort, options.tls() != null);
                });
    }

    /** The port listened on (the chosen one when the options said 0); -1 before start. */
    public int actualPort() {
        return actualPort;
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (server == null) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        awaitWrites(drained, System.nanoTime() + options.shutdownGrace().toNanos());
        return drained.future()
                .compose(v -> {
                    services.sessions().all().forEach(DeviceSession::shutDown);
                    return nextTurn(); // the DISCONNECTs are sent on the event loop's next turn
                })
                .compose(v -> server.close())
                .onComplete(done -> LOG.info("mqtt endpoint stopped"));
    }

    private Future<Void> nextTurn() {
        Promise<Void> turned = Promise.promise();
        context.runOnContext(v -> turned.complete());
        return turned.future();
    }

    private void awaitWrites(Promise<Void> drained, long deadlineNanos) {
        int unacknowledged = services.sessions().unacknowledged();
        if (unacknowledged == 0) {
            drained.complete();
        } else if (System.nanoTime() >= deadlineNanos) {
            LOG.warn("mqtt endpoint stopping with writes unfinished; their devices will send them again "
                    + "[unacknowledged: {}]", unacknowledged);
            drained.complete();
        } else {
            vertx.setTimer(DRAIN_POLL_MILLIS, id -> awaitWrites(drained, deadlineNanos));
        }
    }

    /** vertx-mqtt refuses a CONNECT itself only for an empty client id with a persistent session. */
    private void onRefusedByVertxMqtt(Throwable refusal) {
        services.metrics().refused(RejectReason.CLIENT_ID_REJECTED);
        LOG.debug("mqtt log-in refused by vertx-mqtt: {}", refusal.toString());
    }

    private void sweep() {
        authCache.sweep();
        services.rejectLog().sweep();
        services.sessionStore().sweep();
    }

    static MqttServerOptions serverOptions(MqttIngestOptions options) {
        MqttServerOptions server = new MqttServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setMaxMessageSize(largestRemainingLength(options.maxPacketSize()))
                .setTimeoutOnConnect((int) Math.max(1, (options.connectTimeout().toMillis() + 999) / 1000))
                .setAutoClientId(false)
                .setMaxClientIdLength(MAX_CLIENT_ID_LENGTH);
        server.setTcpKeepAlive(true);
        server.setTcpNoDelay(true);
        if (options.tls() != null) {
            server.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(options.tls().certPath().toString())
                    .setKeyPath(options.tls().keyPath().toString()));
        }
        return server;
    }

    /**
     * vertx-mqtt limits the remaining length (the packet without its fixed header); MQTT 5's maximum packet size
     * counts the whole packet, so subtract the largest fixed header a packet of that size has.
     */
    static int largestRemainingLength(int maxPacketSize) {
        int lengthBytes = maxPacketSize < 128 ? 1 : maxPacketSize < 16_384 ? 2 : maxPacketSize < 2_097_152 ? 3 : 4;
        return maxPacketSize - 1 - lengthBytes;
    }
}
