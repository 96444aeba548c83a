package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTPS from a PEM certificate and key given by path. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsIT {


    @Test
    void theApiIsServedOverHttpsWhenACertificateAndKeyAreGiven() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        try (ServerFixture fixture = ServerFixture.start(Map.of(
                "GRIDWATCH_HTTP_TLS_CERT", certificate.certificatePath(),
                "GRIDWATCH_HTTP_TLS_KEY", certificate.privateKeyPath()))) {
            Vertx vertx = Vertx.vertx();
            try {
                WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true)
                        .setVerifyHost(false));

                HttpResponse<Buffer> health = ServerFixture.await(
                        https.get(fixture.server.httpPort(), "127.0.0.1", "/health").send());

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("up");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
