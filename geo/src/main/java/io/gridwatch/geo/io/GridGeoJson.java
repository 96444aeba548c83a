package io.gridwatch.geo.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Reads and writes grids in the GeoJSON of the outside contract: a FeatureCollection of
 * Polygon/MultiPolygon features with properties {@code id}, {@code level}, {@code parent},
 * {@code name}; WGS84 unless the collection says {@code "crs_name": "GCJ02"}.
 * Reading is all or nothing: the first problem throws a {@link GridException} naming the feature.
 * Stateless and thread-safe.
 */
public final class GridGeoJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GridGeoJson() {
    }

    /** Reads and links a grid file. */
    public static Grid readGrid(Path file) {
        return readFile(file).toGrid();
    }

    /** Reads a grid file's features without linking them (for validation). */
    public static GridFile readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new GridException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads grid features from a stream (not closed). */
    public static GridFile read(InputStream in) {
        JsonNode root = parse(in);
        Crs crs = crsOf(root);
        List<GridUnit> units = new ArrayList<>();
        JsonNode features = root.get("features");
        for (int i = 0; i < features.size(); i++) {
            units.add(unit(i, features.get(i)));
        }
        return new GridFile(crs, units);
    }

    /**
     * Reads an outline (such as a district boundary) from any GeoJSON FeatureCollection, Feature or
     * geometry: the union of all its polygons.
     */
    public static Outline readOutline(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new GridException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new GridException(file + " is not a GeoJSON object");
        }
        List<Geometry> parts = new ArrayList<>();
        JsonNode features = root.has("features") ? root.get("features") : MAPPER.createArrayNode().add(root);
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode geometry = "Feature".equals(feature.path("type").asText()) ? feature.get("geometry") : feature;
            try {
                parts.add(GeoJsonGeometry.read(geometry, FACTORY));
            } catch (IllegalArgumentException e) {
                throw GridException.atFeature(i, null, e.getMessage());
            }
        }
        Geometry union = UnaryUnionOp.union(parts);
        if (union == null || union.isEmpty() || !(union instanceof Polygonal)) {
            throw new GridException(file + " holds no polygon");
        }
        return new Outline(crsOf(root), union);
    }

    /** An area read from a file, with its coordinate system. */
    public record Outline(Crs crs, Geometry geometry) {
    }

    private static JsonNode parse(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() + " at line " + (j.getLocation() == null ? "?" : j.getLocation().getLineNr()) : e.getMessage();
            throw new GridException("not valid JSON: " + detail, e);
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new GridException("a grid file must be a GeoJSON FeatureCollection");
        }
        if (!root.path("features").isArray()) {
            throw new GridException("the FeatureCollection has no \"features\" array");
        }
        return root;
    }

    private static Crs crsOf(JsonNode root) {
        JsonNode name = root.get("crs_name");
        if (name == null || name.isNull()) {
            return Crs.WGS84;
        }
        try {
            return Crs.parse(name.asText());
        } catch (IllegalArgumentException e) {
            throw new GridException("crs_name: " + e.getMessage());
        }
    }

    private static GridUnit unit(int index, JsonNode feature) {
        JsonNode props = feature.path("properties");
        String id = text(props.get("id"));
        if (!"Feature".equals(feature.path("type").asText())) {
            throw GridException.atFeature(index, id, "is not a GeoJSON Feature");
        }
        if (id == null || id.isBlank()) {
            throw GridException.atFeature(index, null, "has no \"id\" property");
        }
        String levelId = text(props.get("level"));
        Level level = Level.fromId(levelId == null ? "" : levelId).orElseThrow(() -> GridException.atFeature(index, id,
                "level \"" + levelId + "\" is not one of district, subdistrict, community, sector, cell"));
        Geometry geometry;
        try {
            geometry = GeoJsonGeometry.read(feature.get("geometry"), FACTORY);
        } catch (IllegalArgumentException e) {
            throw GridException.atFeature(index, id, e.getMessage());
        }
        return new GridUnit(id, level, text(props.get("parent")), text(props.get("name")), geometry);
    }

    /** A string property; numbers are accepted and written as text, null and absent give null. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Writes a grid (every unit, in its order) as GeoJSON. The stream is flushed, not closed. */
    public static void write(Grid grid, OutputStream out) {
        write(grid.crs(), grid.units(), out);
    }

    /** Writes some units (one level of a grid, say) as a GeoJSON FeatureCollection. The stream is flushed, not closed. */
    public static void write(Crs crs, List<GridUnit> units, OutputStream out) {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeStringField("crs_name", crs.name());
            json.writeArrayFieldStart("features");
            for (GridUnit unit : units) {
                writeFeature(unit, json);
                json.writeRaw('\n');
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFeature(GridUnit unit, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeObjectFieldStart("properties");
        json.writeStringField("id", unit.id());
        json.writeStringField("level", unit.level().id());
        json.writeStringField("parent", unit.parentId());
        json.writeStringField("name", unit.name());
        json.writeEndObject();
        json.writeFieldName("geometry");
        GeoJsonGeometry.write(unit.geometry(), json);
        json.writeEndObject();
    }
}
