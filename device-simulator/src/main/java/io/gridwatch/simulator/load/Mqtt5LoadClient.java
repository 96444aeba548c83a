package io.gridwatch.simulator.load;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link LoadClient} on the HiveMQ MQTT 5 client; the broker's receive maximum is honoured by the client. */
final class Mqtt5LoadClient extends StreamingLoadClient<Mqtt5Publish> {

    private final Mqtt5AsyncClient client;

    Mqtt5LoadClient(HostPort broker, DeviceCredentials credentials, MqttQos qos, MqttClientExecutorConfig executors) {
        this(builder(broker, credentials, executors).useMqttVersion5().buildAsync(), credentials, qos);
    }

    private Mqtt5LoadClient(Mqtt5AsyncClient client, DeviceCredentials credentials, MqttQos qos) {
        super(client, credentials, qos);
        this.client = client;
    }

    @Override
    public CompletableFuture<Void> connect(Outcomes outcomes) {
        var auth = client.connectWith().cleanStart(true).keepAlive(60).simpleAuth().username(credentials.id());
        if (password().isPresent()) {
            auth = auth.password(password().get());
        }
        return auth.applySimpleAuth().send().thenAccept(connAck -> client.toRx().publish(stream).subscribe(
                result -> deliver(result, outcomes), outcomes::streamFailed));
    }

    /** MQTT 5 can also refuse in the PUBACK itself, with a reason code. */
    private static void deliver(Mqtt5PublishResult result, Outcomes outcomes) {
        Optional<? extends Throwable> error = result.getError();
        if (error.isEmpty() && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                && qos1.getPubAck().getReasonCode().isError()) {
            error = Optional.of(new IllegalStateException("PUBACK " + qos1.getPubAck().getReasonCode()));
        }
        report(result.getPublish().getPayload().orElseThrow(), error, outcomes);
    }

    @Override
    Mqtt5Publish message(byte[] payload) {
        return Mqtt5Publish.builder().topic(topic).qos(qos).payload(payload).build();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        stream.onComplete();
        return client.disconnect();
    }
}
