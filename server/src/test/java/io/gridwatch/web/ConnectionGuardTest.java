package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.config.HttpLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One client address may hold only so many HTTP connections; the others' requests go on. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ConnectionGuardTest {

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer();
        // timeouts long enough to stay out of the way: this test is about the count
        new ConnectionGuard(vertx, new HttpLimits(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 3, false))
                .install(server, request -> request.response().end("ok"));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionBeyondTheCapIsClosedAtOnceAndOneFreedLetsTheNextIn() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(answered());
            }

            // Vert.x sees a connection once its first bytes arrive (a silent one is the idle timeout's)
            try (Socket fourth = new Socket("127.0.0.1", server.actualPort())) {
                fourth.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                fourth.setSoTimeout(10_000);
                String answer = new String(fourth.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).as("the fourth connection is refused and closed").doesNotStartWith("HTTP/1.1 200");
            }
            held.remove(0).close();
            Thread.sleep(300);
            held.add(answered());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** A connection that got an answer to a request (so the server counted it), left open. */
    private Socket answered() throws Exception {
        Socket socket = new Socket("127.0.0.1", server.actualPort());
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        byte[] buffer = new byte[256];
        assertThat(socket.getInputStream().read(buffer)).as("an answer").isPositive();
        assertThat(new String(buffer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        return socket;
    }
}
