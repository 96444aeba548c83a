package io.gridwatch.geo.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.algorithm.Orientation;

/**
 * GeoJSON (RFC 7946) Polygon and MultiPolygon to and from JTS. Errors are
 * {@link IllegalArgumentException}s with a message fit to show a user; callers add which feature.
 */
final class GeoJsonGeometry {

    private GeoJsonGeometry() {
    }

    static Geometry read(JsonNode node, GeometryFactory factory) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("has no geometry");
        }
        String type = node.path("type").asText("");
        JsonNode coordinates = node.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new IllegalArgumentException(type + " geometry has no coordinates array");
        }
        return switch (type) {
            case "Polygon" -> polygon(coordinates, factory);
            case "MultiPolygon" -> {
                Polygon[] parts = new Polygon[coordinates.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coordinates.get(i), factory);
                }
                yield factory.createMultiPolygon(parts);
            }
            default -> throw new IllegalArgumentException(
                    "geometry type \"" + type + "\" is not supported (expected Polygon or MultiPolygon)");
        };
    }

    private static Polygon polygon(JsonNode rings, GeometryFactory factory) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least an outer ring");
        }
        LinearRing shell = ring(rings.get(0), factory);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), factory);
        }
        return factory.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions, GeometryFactory factory) {
        if (!positions.isArray() || positions.size() < 4) {
            throw new IllegalArgumentException("a ring needs at least 4 positions, found "
                    + (positions.isArray() ? positions.size() : "no array"));
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < coordinates.length; i++) {
            JsonNode p = positions.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("position " + i + " of a ring is not [lon, lat]: " + p);
            }
            double lon = p.get(0).asDouble();
            double lat = p.get(1).asDouble();
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                throw new IllegalArgumentException("position " + i + " of a ring is out of range: " + p);
            }
            coordinates[i] = new Coordinate(lon, lat);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new IllegalArgumentException("a ring is not closed (first position " + positions.get(0)
                    + " differs from the last)");
        }
        return factory.createLinearRing(coordinates);
    }

    /** Writes a polygonal geometry with RFC 7946 winding: outer rings counter-clockwise, holes clockwise. */
    static void write(Geometry geometry, JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (geometry instanceof Polygon polygon) {
            out.writeStringField("type", "Polygon");
            out.writeFieldName("coordinates");
            writePolygon(polygon, out);
        } else if (geometry instanceof MultiPolygon multi) {
            out.writeStringField("type", "MultiPolygon");
            out.writeFieldName("coordinates");
            out.writeStartArray();
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                writePolygon((Polygon) multi.getGeometryN(i), out);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write " + geometry.getGeometryType() + " as a grid unit");
        }
        out.writeEndObject();
    }

    private static void writePolygon(Polygon polygon, JsonGenerator out) throws IOException {
        out.writeStartArray();
        writeRing(polygon.getExteriorRing().getCoordinates(), true, out);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            writeRing(polygon.getInteriorRingN(i).getCoordinates(), false, out);
        }
        out.writeEndArray();
    }

    private static void writeRing(Coordinate[] ring, boolean counterClockwise, JsonGenerator out) throws IOException {
        boolean reverse = Orientation.isCCW(ring) != counterClockwise;
        out.writeStartArray();
        for (int i = 0; i < ring.length; i++) {
            Coordinate c = ring[reverse ? ring.length - 1 - i : i];
            out.writeStartArray();
            out.writeNumber(c.x);
            out.writeNumber(c.y);
            out.writeEndArray();
        }
        out.writeEndArray();
    }
}
