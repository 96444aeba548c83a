package io.gridwatch.app;

import io.gridwatch.broker.BrokerLink;
import io.gridwatch.broker.BrokerSubscriber;
import io.gridwatch.broker.MqttHooks;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.MqttConfig;
import io.gridwatch.evaluate.DeviceOwners;
import io.gridwatch.evaluate.RuleVerticle;
import io.gridwatch.ingest.MirroredDirectory;
import io.gridwatch.ingest.MqttIngestOptions;
import io.gridwatch.ingest.MqttIngestServer;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Reading;
import io.gridwatch.rules.RiseUrgency;
import io.gridwatch.rules.Urgency;
import io.gridwatch.store.AfterStore;
import io.gridwatch.store.ReadingSink;
import io.gridwatch.web.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How readings come in: the node's own MQTT listener and, in broker mode, the subscriber to the site's broker, both
 * on the one reading path (stored, a reading that may raise an alert in the urgent lane, then judged). {@link #up()}
 * is what {@code /health} reports for MQTT; {@link #stop()} turns it off first.
 */
final class MqttListening {

    private static final Logger LOG = LoggerFactory.getLogger(MqttListening.class);

    private final Vertx vertx;
    private final GridwatchConfig config;
    private final MqttIngestServer server;
    private final AtomicBoolean listening = new AtomicBoolean();
    private final Optional<BrokerLink> brokerLink;
    private final Optional<MqttHooks> hooks;
    /** The broker-mode subscriber, when there is a broker. */
    private final Optional<BrokerSubscriber> subscriber;
    private Optional<String> brokerDeployment = Optional.empty();

    MqttListening(Vertx vertx, GridwatchConfig config, Metrics metrics, ServerParts parts, RuleVerticle rules) {
        this.vertx = vertx;
        this.config = config;
        MirroredDirectory directory = parts.directory();
        // a line or an alarm flag (stateless), or a fast rise from the device's previous value (both always asked:
        // the rise check remembers the value)
        RiseUrgency rises = new RiseUrgency();
        Predicate<Reading> urgent = reading -> directory.device(reading.deviceId())
                .map(d -> rises.rising(d, reading) | Urgency.of(d, reading)).orElse(false);
        ReadingSink readings = new AfterStore(parts.database().readings(), urgent, rules::offer);
        this.server = new MqttIngestServer(options(config.mqtt()), directory, readings, metrics, Clock.systemUTC());
        this.brokerLink = config.mqtt().broker().map(b -> new BrokerLink(b, Clock.systemUTC()));
        this.hooks = config.mqtt().hookSecret()
                .map(secret -> new MqttHooks(secret, directory, config.mqtt().broker(), metrics));
        this.subscriber = config.mqtt().broker().map(b -> new BrokerSubscriber(b, directory,
                brokerReadings(vertx, parts, rules, readings, urgent), metrics, brokerLink.orElseThrow(),
                Clock.systemUTC()));
    }

    /**
     * The own listener bound (a port that is taken is a {@link StartupException}) and the broker subscriber deployed;
     * broker mode does not wait for the broker (it is shown in {@code /health} and tried again until it answers).
     */
    Future<Void> deploy() {
        Future<String> own = vertx.deployVerticle(server)
                .onSuccess(id -> listening.set(true))
                .recover(failure -> Future.failedFuture(new StartupException(
                        "cannot listen for MQTT on port " + config.mqtt().port() + ": " + failure.getMessage(), failure)));
        Future<Optional<String>> broker = subscriber
                .map(s -> vertx.deployVerticle(s).map(Optional::of))
                .orElseGet(() -> Future.succeededFuture(Optional.empty()))
                .onSuccess(id -> brokerDeployment = id);
        return Future.all(own, broker).mapEmpty();
    }

    /** Takes no more readings: reported down at once, then the listener and the subscriber undeployed. */
    Future<Void> stop() {
        listening.set(false);
        return Future.all(vertx.undeploy(server.deploymentID()),
                brokerDeployment.map(vertx::undeploy).orElseGet(Future::succeededFuture)).mapEmpty();
    }

    boolean up() {
        return listening.get();
    }

    int port() {
        return server.actualPort();
    }

    /** The broker link (for {@code /health}) and the broker's auth hooks, for the HTTP API. */
    Services.Broker broker() {
        return new Services.Broker(brokerLink, hooks);
    }

    /**
     * Where broker mode writes: the same storage, but on a cluster each reading is judged on its device's owner node
     * (the broker's shared subscription spreads one device over every node).
     */
    private static ReadingSink brokerReadings(Vertx vertx, ServerParts parts, RuleVerticle rules, ReadingSink readings,
            Predicate<Reading> urgent) {
        if (parts.cluster().isEmpty()) {
            LOG.warn("broker mode without GRIDWATCH_CLUSTER: run this node alone; several broker-mode nodes must "
                    + "form a cluster, or each judges only the readings the broker happens to hand it");
            return readings;
        }
        DeviceOwners owners = new DeviceOwners(vertx, parts.cluster().get(), rules::offer);
        return new AfterStore(parts.database().readings(), urgent, owners::offer);
    }

    private static MqttIngestOptions options(MqttConfig mqtt) {
        MqttIngestOptions options = MqttIngestOptions.defaults().withHost(mqtt.host()).withPort(mqtt.port());
        return mqtt.tls() == null ? options
                : options.withTls(new MqttIngestOptions.Tls(mqtt.tls().certificate(), mqtt.tls().key()));
    }
}
