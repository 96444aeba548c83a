package io.gridwatch.simulator.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gridwatch.simulator.load.GridwatchApi;
import java.net.URI;

/** The calls of gridwatch's HTTP API the probe needs, blocking. */
final class StaffApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridwatchApi api;

    StaffApi(URI base) {
        this.api = new GridwatchApi(base);
    }

    URI base() {
        return api.base();
    }

    String login(String username, String password) {
        return api.login(username, password);
    }

    void addPerson(String adminToken, String username, String password, String role, String unit) {
        api.post("/api/people", JSON.createObjectNode().put("username", username).put("password", password)
                .put("name", "latency probe").put("role", role).put("unit", unit).toString(), adminToken, 201);
    }

    /** @return the tokens of the smoke detectors registered at one position, in the order of {@code ids} */
    String[] registerSmokeDetectors(String adminToken, String[] ids, double lon, double lat) {
        ArrayNode batch = JSON.createArrayNode();
        for (String id : ids) {
            batch.addObject().put("id", id).put("kind", "smoke").put("lon", lon).put("lat", lat);
        }
        JsonNode answer = api.post("/api/devices", batch.toString(), adminToken, 201);
        String[] tokens = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = answer.get(i).path("token").asText();
        }
        return tokens;
    }

    void resolve(String token, String alertId) {
        api.post("/api/alerts/" + alertId + "/resolve", JSON.createObjectNode().put("note", "latency probe").toString(),
                token, 200);
    }
}
