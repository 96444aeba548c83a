package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.errorOf;
import static io.gridwatch.ingest.IngestHarness.join;
import static io.gridwatch.ingest.IngestHarness.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.gridwatch.ingest.MqttIngestOptions.Tls;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** MQTT over TLS, from a PEM certificate and key given by path. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttTlsTest {

    private IngestHarness harness;

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void aDevicePublishesOverTlsWithTheCertificateAndKeyFromTheirPaths(Vertx vertx) {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        harness = IngestHarness.start(vertx, IngestHarness.options().withTls(
                new Tls(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()))));
        String token = harness.smokeDetector("smoke-1");
        Mqtt5AsyncClient device = Mqtt5Client.builder().identifier("smoke-1-tls").serverHost("127.0.0.1")
                .serverPort(harness.port()).sslConfig().trustManagerFactory(InsecureTrustManagerFactory.INSTANCE)
                .hostnameVerifier((host, session) -> true).applySslConfig().buildAsync();

        join(device.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        Throwable error = errorOf(publish(device, "devices/smoke-1/readings", MqttQos.AT_LEAST_ONCE,
                Payloads.smoke(1)));
        join(device.disconnect());

        assertThat(error).isNull();
        assertThat(harness.sink.stored()).hasSize(1);
    }
}
