package io.gridwatch.simulator.load;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3PublishResult;
import java.util.concurrent.CompletableFuture;

/** A {@link LoadClient} on the HiveMQ MQTT 3.1.1 client. */
final class Mqtt3LoadClient extends StreamingLoadClient<Mqtt3Publish> {

    private final Mqtt3AsyncClient client;

    Mqtt3LoadClient(HostPort broker, DeviceCredentials credentials, MqttQos qos, MqttClientExecutorConfig executors) {
        this(builder(broker, credentials, executors).useMqttVersion3().buildAsync(), credentials, qos);
    }

    private Mqtt3LoadClient(Mqtt3AsyncClient client, DeviceCredentials credentials, MqttQos qos) {
        super(client, credentials, qos);
        this.client = client;
    }

    @Override
    public CompletableFuture<Void> connect(Outcomes outcomes) {
        var auth = client.connectWith().cleanSession(true).keepAlive(60).simpleAuth().username(credentials.id());
        if (password().isPresent()) {
            auth = auth.password(password().get());
        }
        return auth.applySimpleAuth().send().thenAccept(connAck -> client.toRx().publish(stream).subscribe(
                result -> deliver(result, outcomes), outcomes::streamFailed));
    }

    private static void deliver(Mqtt3PublishResult result, Outcomes outcomes) {
        report(result.getPublish().getPayload().orElseThrow(), result.getError(), outcomes);
    }

    @Override
    Mqtt3Publish message(byte[] payload) {
        return Mqtt3Publish.builder().topic(topic).qos(qos).payload(payload).build();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        stream.onComplete();
        return client.disconnect();
    }
}
