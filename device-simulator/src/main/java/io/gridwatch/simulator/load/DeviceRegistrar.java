package io.gridwatch.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers devices through the devices API: logs in as an admin ({@code POST /api/login}), then
 * {@code POST /api/devices} with arrays of up to {@value #BATCH} devices. Blocking; one caller at a time.
 */
public final class DeviceRegistrar {

    /** Devices per request (the API takes up to 10,000). */
    public static final int BATCH = 5_000;

    private static final Logger log = LoggerFactory.getLogger(DeviceRegistrar.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridwatchApi api;

    /** @param base the server's HTTP base URL, such as {@code http://localhost:8080} */
    public DeviceRegistrar(URI base) {
        this.api = new GridwatchApi(base);
    }

    /** Registers {@code ids} (device {@code i} of the list at {@code positions.of(indexes[i])}) and returns their tokens. */
    public List<DeviceCredentials> register(String adminUser, String adminPassword, List<String> ids,
            List<Integer> indexes, DevicePositions positions) {
        List<ObjectNode> devices = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            DevicePositions.LonLat at = positions.of(indexes.get(i));
            devices.add(JSON.createObjectNode().put("id", ids.get(i)).put("kind", "smoke").put("lon", at.lon())
                    .put("lat", at.lat()));
        }
        return registerAll(adminUser, adminPassword, devices);
    }

    /**
     * Registers {@code devices} (each the JSON of {@code POST /api/devices}: id, kind, lon, lat, …) in batches of
     * {@value #BATCH} and returns their tokens, in order.
     */
    public List<DeviceCredentials> registerAll(String adminUser, String adminPassword, List<ObjectNode> devices) {
        String token = api.login(adminUser, adminPassword);
        List<DeviceCredentials> registered = new ArrayList<>(devices.size());
        for (int from = 0; from < devices.size(); from += BATCH) {
            int to = Math.min(devices.size(), from + BATCH);
            ArrayNode batch = JSON.createArrayNode().addAll(devices.subList(from, to));
            JsonNode answer = api.post("/api/devices", batch.toString(), token, 201);
            for (JsonNode device : answer) {
                registered.add(new DeviceCredentials(device.path("id").asText(), device.path("token").asText()));
            }
            log.info("devices registered [count: {} of {}]", to, devices.size());
        }
        return registered;
    }
}
