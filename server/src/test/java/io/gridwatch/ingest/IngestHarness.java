package io.gridwatch.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A real {@link MqttIngestServer} on a free port with an in-memory directory and a recording sink, and real HiveMQ
 * clients to talk to it.
 */
final class IngestHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final TestDirectory directory = new TestDirectory();
    final RecordingSink sink = new RecordingSink();
    final Metrics metrics = new Metrics();
    final MqttIngestServer server;
    private final Vertx vertx;
    private final String deployment;
    private final List<MqttClient> clients = new ArrayList<>();

    private IngestHarness(Vertx vertx, MqttIngestOptions options, DeviceDirectory devices) {
        this.vertx = vertx;
        this.server = new MqttIngestServer(options, devices == null ? directory : devices, sink, metrics,
                Clock.systemUTC());
        this.deployment = vertx.deployVerticle(server).await();
    }

    static IngestHarness start(Vertx vertx) {
        return start(vertx, options());
    }

    static IngestHarness start(Vertx vertx, MqttIngestOptions options) {
        return new IngestHarness(vertx, options, null);
    }

    /** With another directory than {@link #directory}. */
    static IngestHarness start(Vertx vertx, MqttIngestOptions options, DeviceDirectory devices) {
        return new IngestHarness(vertx, options, devices);
    }

    static MqttIngestOptions options() {
        return MqttIngestOptions.defaults().withHost("127.0.0.1").withPort(0).withShutdownGrace(Duration.ofSeconds(5));
    }

    int port() {
        return server.actualPort();
    }

    String smokeDetector(String id) {
        return directory.register(id, KindRegistry.SMOKE);
    }

    /** An MQTT 5 client of the device, not connected yet; {@code disconnect} receives why the server hung up. */
    Mqtt5AsyncClient mqtt5(String clientId, AtomicReference<Throwable> disconnect) {
        Mqtt5AsyncClient client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(port()).addDisconnectedListener(context -> remember(context, disconnect))
                .buildAsync();
        clients.add(client);
        return client;
    }

    /** An MQTT 5 client of the device, logged in with a clean session. */
    Mqtt5AsyncClient connected5(String deviceId, String token) {
        Mqtt5AsyncClient client = mqtt5(deviceId + "-client", new AtomicReference<>());
        join(client.connectWith().simpleAuth().username(deviceId).password(bytes(token)).applySimpleAuth().send());
        return client;
    }

    Mqtt3AsyncClient mqtt3(String clientId, AtomicReference<Throwable> disconnect) {
        Mqtt3AsyncClient client = Mqtt3Client.builder().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(port()).addDisconnectedListener(context -> remember(context, disconnect))
                .buildAsync();
        clients.add(client);
        return client;
    }

    Mqtt3AsyncClient connected3(String deviceId, String token) {
        Mqtt3AsyncClient client = mqtt3(deviceId + "-client3", new AtomicReference<>());
        join(client.connectWith().simpleAuth().username(deviceId).password(bytes(token)).applySimpleAuth().send());
        return client;
    }

    static CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient client, String topic, MqttQos qos,
            byte[] payload) {
        return client.publishWith().topic(topic).qos(qos).payload(payload).send();
    }

    /** The error a publish ended with: an error reason code in its acknowledgement, or a failure; null when fine. */
    static Throwable errorOf(CompletableFuture<Mqtt5PublishResult> publish) {
        try {
            return publish.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getError().orElse(null);
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (Exception other) {
            throw new AssertionError("publish did not complete", other);
        }
    }

    long rejects(RejectReason reason) {
        String family = reason.stage() == RejectReason.Stage.CONNECT
                ? "gridwatch_mqtt_connect_rejects_total" : "gridwatch_mqtt_rejects_total";
        return metrics.counter(family, "", "reason", reason.label()).sum();
    }

    long counter(String name) {
        return metrics.counter(name, "").sum();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(failed.getCause());
        } catch (Exception other) {
            throw new AssertionError("did not complete in " + WAIT, other);
        }
    }

    /** Waits until {@code condition} holds, failing after {@link #WAIT}. */
    static void eventually(String what, BooleanSupplier condition) {
        Eventually.until(WAIT, what, condition);
    }

    private static void remember(MqttClientDisconnectedContext context, AtomicReference<Throwable> disconnect) {
        disconnect.compareAndSet(null, context.getCause());
    }

    /** Undeploys the endpoint, as the launcher does on shutdown. */
    io.vertx.core.Future<Void> undeploy() {
        return vertx.undeploy(deployment);
    }

    @Override
    public void close() {
        for (MqttClient client : clients) {
            try {
                if (client instanceof Mqtt5AsyncClient mqtt5 && mqtt5.getState().isConnected()) {
                    mqtt5.disconnect().get(2, TimeUnit.SECONDS);
                } else if (client instanceof Mqtt3AsyncClient mqtt3 && mqtt3.getState().isConnected()) {
                    mqtt3.disconnect().get(2, TimeUnit.SECONDS);
                }
            } catch (Exception ignored) {
                // the server may have closed it meanwhile
            }
        }
        if (vertx.deploymentIDs().contains(deployment)) {
            vertx.undeploy(deployment).await();
        }
    }
}
