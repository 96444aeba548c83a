package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.store.DbConfig;
import io.gridwatch.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar, run as {@code ./gridwatch serve} runs it, starts and serves its pages. The other tests run
 * from the class path, so a resource the shaded jar lost (once: the webjars' pom.properties the pages read
 * their versions from) would pass them all and fail every real start.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JarLaunchIT {

    private static final Path JAR = Path.of("target", "gridwatch-server.jar");
    private static final Pattern HTTP_PORT = Pattern.compile("^http port: (\\d+)$");

    @Test
    void thePackagedJarServesHealthThePagesAndTheBundledMapLibraries() throws Exception {
        assertThat(JAR).as("the jar is packaged before the integration tests run").exists();
        try (TestPostgres.FreshDatabase database = TestPostgres.freshDatabase()) {
            Process server = start(database.config());
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            try {
                int port = httpPort(server, output);
                HttpClient http = HttpClient.newHttpClient();

                assertThat(get(http, port, "/health").statusCode()).isEqualTo(200);
                HttpResponse<String> map = get(http, port, "/");
                assertThat(map.statusCode()).isEqualTo(200);
                assertThat(map.body()).contains("/vendor/leaflet/");
                assertThat(get(http, port, "/vendor/leaflet/leaflet.js").statusCode()).isEqualTo(200);
                assertThat(get(http, port, "/vendor/markercluster/leaflet.markercluster.js").statusCode())
                        .isEqualTo(200);
            } finally {
                server.destroy();
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM; output: %s", output).isTrue();
            }
        }
    }

    private static Process start(DbConfig db) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "serve")
                .redirectErrorStream(true);
        builder.environment().put("GRIDWATCH_DB_URL", "postgresql://" + db.user()
                + (db.password() == null ? "" : ":" + db.password()) + "@" + db.host() + ":" + db.port() + "/"
                + db.database());
        builder.environment().put("GRIDWATCH_HTTP_PORT", "0");
        builder.environment().put("GRIDWATCH_MQTT_PORT", "0");
        builder.environment().put("GRIDWATCH_HOST", "127.0.0.1");
        Files.createDirectories(Path.of("target"));
        return builder.start();
    }

    /** Reads the server's output until it names its HTTP port; keeps reading in the background so it never blocks. */
    private static int httpPort(Process server, List<String> output) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher m = HTTP_PORT.matcher(line.strip());
                    if (m.matches()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("the server ended before it was ready"));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no 'http port: N' line; output: " + output, e);
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
