package io.gridwatch.simulator.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.simulator.load.LoadException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls of gridwatch's HTTP API the probe needs, blocking. One caller at a time. */
final class StaffApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    StaffApi(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    String login(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return post("/api/login", body, null, 200).path("token").asText();
    }

    void addPerson(String adminToken, String username, String password, String role, String unit) {
        post("/api/people", JSON.createObjectNode().put("username", username).put("password", password)
                .put("name", "latency probe").put("role", role).put("unit", unit), adminToken, 201);
    }

    /** @return the tokens of the smoke detectors registered at one position, in the order of {@code ids} */
    String[] registerSmokeDetectors(String adminToken, String[] ids, double lon, double lat) {
        ArrayNode batch = JSON.createArrayNode();
        for (String id : ids) {
            batch.addObject().put("id", id).put("kind", "smoke").put("lon", lon).put("lat", lat);
        }
        JsonNode answer = post("/api/devices", batch, adminToken, 201);
        String[] tokens = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = answer.get(i).path("token").asText();
        }
        return tokens;
    }

    void resolve(String token, String alertId) {
        post("/api/alerts/" + alertId + "/resolve", JSON.createObjectNode().put("note", "latency probe"), token, 200);
    }

    private JsonNode post(String path, JsonNode body, String bearer, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new LoadException("POST " + path + " answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new LoadException("POST " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted during POST " + path, e);
        }
    }
}
