package io.gridwatch.simulator.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import io.reactivex.processors.UnicastProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the MQTT 3.1.1 and 5 load clients share (HiveMQ's two APIs share no types for publishes):
 * the device's topic, the long-lived publish stream and the reporting of outcomes.
 *
 * @param <P> the protocol version's publish message type
 */
abstract class StreamingLoadClient<P> implements LoadClient {

    final DeviceCredentials credentials;
    final MqttTopic topic;
    final MqttQos qos;
    final UnicastProcessor<P> stream = UnicastProcessor.create();
    private final MqttClient client;

    StreamingLoadClient(MqttClient client, DeviceCredentials credentials, MqttQos qos) {
        this.client = client;
        this.credentials = credentials;
        this.topic = MqttTopic.of("devices/" + credentials.id() + "/readings");
        this.qos = qos;
    }

    /** The builder both versions start from: client id = device id, the broker, shared executors. */
    static MqttClientBuilder builder(HostPort broker, DeviceCredentials credentials, MqttClientExecutorConfig executors) {
        return MqttClient.builder()
                .identifier(credentials.id())
                .serverHost(broker.host())
                .serverPort(broker.port())
                .executorConfig(executors);
    }

    /** The token as the CONNECT password; empty against a plain broker, which takes any username. */
    Optional<byte[]> password() {
        return Optional.ofNullable(credentials.token()).map(token -> token.getBytes(StandardCharsets.UTF_8));
    }

    /** One message of the protocol version, ready for the stream. */
    abstract P message(byte[] payload);

    @Override
    public void publish(byte[] payload) {
        stream.onNext(message(payload));
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    /** Refused when the client reports an error for the message, done otherwise. */
    static void report(ByteBuffer payload, Optional<? extends Throwable> error, Outcomes outcomes) {
        error.ifPresentOrElse(e -> outcomes.refused(payload, e), () -> outcomes.done(payload));
    }
}
