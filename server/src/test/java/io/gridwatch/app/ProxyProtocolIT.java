package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind HAProxy every connection comes from HAProxy: with {@code GRIDWATCH_PROXY_PROTOCOL=true} the node takes the
 * client's own address from the PROXY header, so that one resident's failed log-ins do not lock out the whole
 * district (and a connection without the header is refused, or anybody could claim any address).
 */
class ProxyProtocolIT {

    private static final String LOGIN = "{\"username\":\"nobody\",\"password\":\"wrong-password\"}";
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_PROXY_PROTOCOL", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theLogInThrottleCountsTheClientInTheProxyHeaderNotTheProxy() throws Exception {
        // given one client behind the proxy that has used up its log-in attempts
        String status = "";
        for (int i = 0; i < 20 && !status.contains(" 429 "); i++) {
            status = loginThroughProxy("203.0.113.7");
        }
        assertThat(status).contains(" 429 ");

        // then another client behind the same proxy may still try
        assertThat(loginThroughProxy("198.51.100.9")).contains(" 401 ");
    }

    @Test
    void aConnectionWithoutTheHeaderGetsNoAnswer() throws Exception {
        assertThat(exchange("", "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEmpty();
    }

    private static String loginThroughProxy(String client) throws IOException {
        String header = "PROXY TCP4 " + client + " 127.0.0.1 40000 " + fixture.server.httpPort() + "\r\n";
        String request = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + LOGIN.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + LOGIN;
        return exchange(header, request).lines().findFirst().orElse("");
    }

    /** One request on a fresh connection; what came back until the server closed it (nothing when refused). */
    private static String exchange(String proxyHeader, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fixture.server.httpPort())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write((proxyHeader + request).getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answer);
            } catch (SocketException reset) {
                // a refused connection may end in a reset rather than a close
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
