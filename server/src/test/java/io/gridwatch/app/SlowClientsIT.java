package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP clients that hold the server without using it are cut: headers or a body dribbled a byte a
 * second (slow-loris), a connection that says nothing (the cap per address: {@code ConnectionGuardTest}).
 * Raw sockets, so that the client is as slow as a real attacker.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlowClientsIT {

    @TempDir
    static Path dir;
    static ServerFixture fixture;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_HTTP_HEADER_TIMEOUT", "PT1S",
                "GRIDWATCH_HTTP_BODY_TIMEOUT", "PT2S", "GRIDWATCH_HTTP_IDLE_TIMEOUT", "PT3S"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void headersDribbledAByteEverySecondAreCutWithinTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            // a header byte every 300 ms: each keeps an idle timer alive, but the headers never end
            double seconds = secondsUntilCut(socket, 'X');

            assertThat(seconds).isLessThan(5);
        }
    }

    @Test
    void aBodyDribbledAByteEverySecondIsCutWithinTheBodyTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            double seconds = secondsUntilCut(socket, ' ');

            assertThat(seconds).isLessThan(6);
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosed() throws Exception {
        try (Socket socket = connect()) {
            assertThat(closedByServer(socket, 5_000)).isTrue();
        }
    }

    /**
     * Dribbles {@code filler} a byte every 300 ms (for 12 s at most) until the server closes the connection; fails
     * when it never does.
     *
     * @return seconds from the first byte to the cut
     */
    private static double secondsUntilCut(Socket socket, char filler) throws Exception {
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        boolean cut = false;
        for (int i = 0; i < 40 && !cut; i++) {
            try {
                out.write(filler);
                out.flush();
                Thread.sleep(300);
            } catch (java.io.IOException e) {
                cut = true;
            }
            cut = cut || closedByServer(socket, 1);
        }
        assertThat(cut).as("the server closed the connection").isTrue();
        return (System.nanoTime() - start) / 1e9;
    }

    private static Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", fixture.server.httpPort());
        socket.setSoTimeout(1);
        return socket;
    }

    /** Whether the server has closed its side (or sent an answer and closed) within {@code millis}. */
    private static boolean closedByServer(Socket socket, int millis) throws Exception {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
