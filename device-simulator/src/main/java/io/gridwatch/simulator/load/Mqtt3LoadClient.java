package io.gridwatch.simulator.load;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3PublishResult;
import io.reactivex.processors.UnicastProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A {@link LoadClient} on the HiveMQ MQTT 3.1.1 client. */
final class Mqtt3LoadClient implements LoadClient {

    private final Mqtt3AsyncClient client;
    private final DeviceCredentials credentials;
    private final MqttTopic topic;
    private final MqttQos qos;
    private final UnicastProcessor<Mqtt3Publish> stream = UnicastProcessor.create();

    Mqtt3LoadClient(HostPort broker, DeviceCredentials credentials, MqttQos qos, MqttClientExecutorConfig executors) {
        this.client = Mqtt3Client.builder()
                .identifier(credentials.id())
                .serverHost(broker.host())
                .serverPort(broker.port())
                .executorConfig(executors)
                .buildAsync();
        this.credentials = credentials;
        this.topic = MqttTopic.of("devices/" + credentials.id() + "/readings");
        this.qos = qos;
    }

    @Override
    public CompletableFuture<Void> connect(Outcomes outcomes) {
        var auth = client.connectWith().cleanSession(true).keepAlive(60).simpleAuth().username(credentials.id());
        if (credentials.token() != null) {
            auth = auth.password(credentials.token().getBytes(StandardCharsets.UTF_8));
        }
        return auth.applySimpleAuth().send().thenAccept(connAck -> client.toRx().publish(stream).subscribe(
                result -> deliver(result, outcomes), outcomes::streamFailed));
    }

    private static void deliver(Mqtt3PublishResult result, Outcomes outcomes) {
        ByteBuffer payload = result.getPublish().getPayload().orElseThrow();
        if (result.getError().isPresent()) {
            outcomes.refused(payload, result.getError().get());
        } else {
            outcomes.done(payload);
        }
    }

    @Override
    public void publish(byte[] payload) {
        stream.onNext(Mqtt3Publish.builder().topic(topic).qos(qos).payload(payload).build());
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        stream.onComplete();
        return client.disconnect();
    }
}
