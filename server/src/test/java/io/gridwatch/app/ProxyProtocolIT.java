package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.localcluster.FreePorts;
import io.gridwatch.localcluster.HaproxyConfig;
import io.gridwatch.localcluster.HaproxyProcess;
import io.gridwatch.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind HAProxy every connection comes from HAProxy: with {@code GRIDWATCH_PROXY_PROTOCOL=true} the node takes the
 * client's own address from the PROXY header, so that one resident's failed log-ins do not lock out the whole
 * district (and a connection without the header is refused, or anybody could claim any address). Checked with a
 * hand-written v1 header, and through a real HAProxy on the shipped {@code deploy/haproxy.cfg} with the README's
 * production change ({@code send-proxy-v2 check-send-proxy}).
 */
class ProxyProtocolIT {

    private static final String LOGIN = "{\"username\":\"nobody\",\"password\":\"wrong-password\"}";
    private static final String LOGIN_REQUEST = "POST /api/login HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + LOGIN.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n" + LOGIN;
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
        String health = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        assertThat(exchange(null, fixture.server.httpPort(), health)).isEmpty();
    }

    @Test
    void throughHaproxyWithSendProxyV2EachClientIsCountedByItsOwnAddress(@TempDir Path directory) throws Exception {
        Optional<Path> executable = HaproxyProcess.executable();
        Assumptions.assumeTrue(executable.isPresent(), "HAProxy is not installed");
        // given the shipped deploy/haproxy.cfg with the README's production change, in front of the node
        String template = HaproxyConfig.template();
        String production = template.replace("server node1 10.0.0.11:8080 check",
                "server node1 10.0.0.11:8080 check send-proxy-v2 check-send-proxy");
        assertThat(production).as("the template's HTTP server line").isNotEqualTo(template);
        List<Integer> ports = FreePorts.take(3);
        HaproxyConfig.Binds binds = new HaproxyConfig.Binds("127.0.0.1", ports.get(0), ports.get(1), ports.get(2));
        HaproxyProcess haproxy = HaproxyProcess.start(executable.get(), HaproxyConfig.local(production, binds,
                List.of(new HaproxyConfig.Node("node1", "127.0.0.1", fixture.server.httpPort(),
                        fixture.server.mqttPort()))), binds, directory);
        try {
            // HAProxy's own health check, with its PROXY header, passes
            Eventually.until(Duration.ofSeconds(30), "the node's health check passed", () -> checkStatus(binds)
                    .contains(",L7OK,"));

            // when one client (127.0.0.2) uses up its log-in attempts through HAProxy
            String status = "";
            for (int i = 0; i < 20 && !status.contains(" 429 "); i++) {
                status = loginThroughHaproxy(binds, "127.0.0.2");
            }
            assertThat(status).contains(" 429 ");

            // then another client (127.0.0.3) through the same HAProxy may still try
            assertThat(loginThroughHaproxy(binds, "127.0.0.3")).contains(" 401 ");
        } finally {
            haproxy.stop();
        }
    }

    private static String loginThroughProxy(String client) throws IOException {
        String header = "PROXY TCP4 " + client + " 127.0.0.1 40000 " + fixture.server.httpPort() + "\r\n";
        return exchange(null, fixture.server.httpPort(), header + LOGIN_REQUEST).lines().findFirst().orElse("");
    }

    /** A log-in through HAProxy from the local address {@code client} (HAProxy writes the PROXY header). */
    private static String loginThroughHaproxy(HaproxyConfig.Binds binds, String client) throws IOException {
        return exchange(client, binds.httpPort(), LOGIN_REQUEST).lines().findFirst().orElse("");
    }

    /** HAProxy's CSV stats line of the HTTP backend's node. */
    private static String checkStatus(HaproxyConfig.Binds binds) {
        try {
            String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + binds.statsPort() + "/;csv")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return csv.lines().filter(line -> line.startsWith("gridwatch_http,node1,")).findFirst().orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * One request on a fresh connection to {@code port}, from {@code from} (null: any local address); what came back
     * until the server closed it (nothing when refused).
     */
    private static String exchange(String from, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
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
