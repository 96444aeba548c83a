package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged jar, run as {@code ./gridwatch serve} runs it, starts and serves its pages. The other tests run
 * from the class path, so a resource the shaded jar lost (once: the webjars' pom.properties the pages read
 * their versions from) would pass them all and fail every real start.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JarLaunchIT {

    @Test
    void thePackagedJarServesHealthThePagesAndTheBundledMapLibraries() throws Exception {
        assertThat(ServerProcess.JAR).as("the jar is packaged before the integration tests run").exists();
        try (TestPostgres.FreshDatabase database = TestPostgres.freshDatabase()) {
            ServerProcess server = ServerProcess.start(database.config(), Map.of());
            try {
                int port = server.httpPort();
                HttpClient http = HttpClient.newHttpClient();

                assertThat(get(http, port, "/health").statusCode()).isEqualTo(200);
                HttpResponse<String> map = get(http, port, "/");
                assertThat(map.statusCode()).isEqualTo(200);
                assertThat(map.body()).contains("/vendor/leaflet/");
                assertThat(get(http, port, "/vendor/leaflet/leaflet.js").statusCode()).isEqualTo(200);
                assertThat(get(http, port, "/vendor/markercluster/leaflet.markercluster.js").statusCode())
                        .isEqualTo(200);
            } finally {
                assertThat(server.stop()).as("stops on SIGTERM; output: %s", server.output()).isTrue();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
