package io.gridwatch.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over gridwatch's HTTP API (java.net.http), blocking: log-in, GETs and POSTs that must answer one status. Any other
 * answer is a {@link LoadException} naming the request and the server's message. Thread-safe.
 */
public final class GridwatchApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param base the server's HTTP base URL, such as {@code http://localhost:8080} */
    public GridwatchApi(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** Logs in; the bearer token. */
    public String login(String username, String password) {
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        return post("/api/login", body, null, 200).path("token").asText();
    }

    /** POSTs a JSON body (with the bearer token unless null) and reads the JSON answer. */
    public JsonNode post(String path, String body, String bearer, int expected) {
        return send("POST", path, HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer, expected);
    }

    /** GETs a JSON answer (with the bearer token unless null) that must come with HTTP 200. */
    public JsonNode get(String path, String bearer) {
        return send("GET", path, HttpRequest.newBuilder(base.resolve(path)).GET(), bearer, 200);
    }

    private JsonNode send(String method, String path, HttpRequest.Builder request, String bearer, int expected) {
        request.timeout(Duration.ofMinutes(2));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new LoadException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LoadException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted during " + method + " " + path, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
