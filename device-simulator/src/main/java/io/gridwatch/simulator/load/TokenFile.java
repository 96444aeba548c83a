package io.gridwatch.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local store of registered devices' tokens, so that a second run reuses them instead of registering again:
 * {@code {"devices": [{"id": "load-00000", "token": "..."}, ...]}}. Written atomically (a temporary file moved
 * into place), readable by its owner only where the file system has POSIX permissions. Not thread-safe.
 */
public final class TokenFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    public TokenFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The devices in the file, by id, in file order; empty when the file does not exist. */
    public Map<String, DeviceCredentials> read() {
        Map<String, DeviceCredentials> devices = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return devices;
        }
        try {
            JsonNode root = JSON.readTree(path.toFile());
            for (JsonNode device : root.path("devices")) {
                String id = device.path("id").asText(null);
                String token = device.path("token").asText(null);
                if (id == null || token == null) {
                    throw new LoadException("token file " + path + " has a device without id or token");
                }
                devices.put(id, new DeviceCredentials(id, token));
            }
            return devices;
        } catch (IOException e) {
            throw new LoadException("cannot read token file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file's content with {@code devices}. */
    public void write(Collection<DeviceCredentials> devices) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("devices");
        for (DeviceCredentials device : devices) {
            list.addObject().put("id", device.id()).put("token", device.token());
        }
        try {
            PrivateFile.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new LoadException("cannot write token file " + path + ": " + e.getMessage(), e);
        }
    }
}
