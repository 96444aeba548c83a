package io.gridwatch.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.simulator.load.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fleet keeps between runs, in one local JSON file: each registered device's token (shown once by the
 * server, so it must not be lost) and the next sequence number it will send, under the signature of the fleet it
 * belongs to, and whether the run that wrote it stopped cleanly: {@code {"fleet": "seed=1 smoke=2000 …",
 * "clean": true, "devices": [{"id", "token", "next_seq"}, …]}}. Written
 * atomically, readable by its owner only. Not thread-safe: one writer at a time.
 */
public final class FleetStateFile {

    /**
     * One device's saved state.
     *
     * @param id the device id
     * @param token its MQTT password
     * @param nextSeq the sequence number its next reading would have carried when the file was written
     */
    public record SavedDevice(String id, String token, long nextSeq) {

        @Override
        public String toString() {
            return "SavedDevice[id=" + id + ", token=***, nextSeq=" + nextSeq + "]";
        }
    }

    /**
     * The file's content.
     *
     * @param fleet the signature of the fleet the devices belong to; null for a file that does not exist
     * @param clean whether the run that wrote it stopped cleanly (its sequence numbers are exact); a file written
     *     during a run may lag behind the numbers that run used
     * @param devices the saved devices by id, in file order
     */
    public record Saved(String fleet, boolean clean, Map<String, SavedDevice> devices) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    public FleetStateFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The saved state; no fleet and no devices when the file does not exist. */
    public Saved read() {
        Map<String, SavedDevice> devices = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return new Saved(null, true, devices);
        }
        try {
            JsonNode root = JSON.readTree(path.toFile());
            for (JsonNode device : root.path("devices")) {
                String id = device.path("id").asText(null);
                String token = device.path("token").asText(null);
                if (id == null || token == null) {
                    throw new IllegalStateException("state file " + path + " has a device without id or token");
                }
                devices.put(id, new SavedDevice(id, token, device.path("next_seq").asLong(0)));
            }
            return new Saved(root.path("fleet").asText(null), root.path("clean").asBoolean(false), devices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state file " + path, e);
        }
    }

    /** Replaces the file's content. */
    public void write(String fleet, boolean clean, Collection<SavedDevice> devices) {
        ObjectNode root = JSON.createObjectNode().put("fleet", fleet).put("clean", clean);
        ArrayNode list = root.putArray("devices");
        for (SavedDevice device : devices) {
            list.addObject().put("id", device.id()).put("token", device.token()).put("next_seq", device.nextSeq());
        }
        try {
            PrivateFile.write(path, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + path, e);
        }
    }
}
