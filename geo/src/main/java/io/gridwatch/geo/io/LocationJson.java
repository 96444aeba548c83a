package io.gridwatch.geo.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gridwatch.geo.locate.Location;
import io.gridwatch.geo.model.Level;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON of a located point, shared by {@code gridwatch grid locate} and
 * {@code GET /api/grid/locate}: {@code {"cell", "path", "match", "distance_m"}}, with the distance
 * rounded to centimetres. Stateless and thread-safe.
 */
public final class LocationJson {

    private static final JsonFactory JSON = new JsonFactory();

    private LocationJson() {
    }

    public static String toJson(Location location) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(location, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(Location location, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("cell", location.cell());
        json.writeFieldName("path");
        if (location.path() == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            for (Level level : Level.values()) {
                json.writeStringField(level.id(), location.path().at(level));
            }
            json.writeEndObject();
        }
        json.writeStringField("match", location.match().id());
        json.writeNumberField("distance_m", Math.round(location.distanceM() * 100) / 100.0);
        json.writeEndObject();
    }
}
