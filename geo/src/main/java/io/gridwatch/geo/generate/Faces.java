package io.gridwatch.geo.generate;

import io.gridwatch.geo.crs.LocalProjection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * The smallest areas into which a boundary and a set of cutting lines divide the plane, restricted
 * to the inside of the boundary: the building blocks of the cells.
 *
 * <p>All the linework is noded together by snap rounding on one fixed precision grid, so every
 * vertex lies on that grid and two neighbouring faces see their common edge with the very same
 * coordinates. That is what lets unions of faces (and of cells, sectors, …) drop shared edges
 * exactly, with no sliver gap or overlap. Immutable and thread-safe once built.
 */
final class Faces {

    private final List<Polygon> polygons;
    private final double[] areas;
    private final AdjacencyGraph graph;

    private Faces(List<Polygon> polygons, AdjacencyGraph graph) {
        this.polygons = List.copyOf(polygons);
        this.areas = polygons.stream().mapToDouble(Geometry::getArea).toArray();
        this.graph = graph;
    }

    /**
     * Nodes {@code boundary} and {@code cutters} together on {@code precision} and keeps the faces
     * inside the boundary.
     *
     * @param boundary already on the precision grid, so that snap rounding barely moves it
     * @param cutters polygons whose outlines cut the boundary (the Voronoi cells)
     * @param projection gives each face's graph position, an interior point, in metres
     */
    static Faces build(Polygon boundary, Geometry cutters, PrecisionModel precision, LocalProjection projection) {
        GeometryFactory factory = boundary.getFactory();
        List<Geometry> lines = new ArrayList<>();
        addRings(boundary, lines);
        for (int i = 0; i < cutters.getNumGeometries(); i++) {
            Geometry cutter = cutters.getGeometryN(i);
            for (int j = 0; j < cutter.getNumGeometries(); j++) {
                addRings((Polygon) cutter.getGeometryN(j), lines);
            }
        }
        // snap-rounded union: nodes every crossing and merges the two copies of each Voronoi edge
        Geometry noded = UnaryUnionNG.union(factory.buildGeometry(lines), precision);
        Polygonizer polygonizer = new Polygonizer();
        polygonizer.add(noded);
        @SuppressWarnings("unchecked")
        Collection<Polygon> all = polygonizer.getPolygons();

        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(boundary);
        List<Face> kept = new ArrayList<>();
        for (Polygon face : all) {
            Coordinate p = face.getInteriorPoint().getCoordinate();
            if (inside.locate(p) == Location.INTERIOR) {
                kept.add(new Face(face, p));
            }
        }
        // the polygonizer's output order is an implementation detail; interior points are unique
        kept.sort(Comparator.comparingDouble((Face f) -> f.point.x).thenComparingDouble(f -> f.point.y));
        return largestPiece(kept, projection);
    }

    private static void addRings(Polygon polygon, List<Geometry> lines) {
        GeometryFactory factory = polygon.getFactory();
        lines.add(factory.createLineString(polygon.getExteriorRing().getCoordinateSequence()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            lines.add(factory.createLineString(polygon.getInteriorRingN(i).getCoordinateSequence()));
        }
    }

    /**
     * Keeps the largest edge-connected set of faces. The boundary is one polygon, so its faces are
     * all edge-connected; only a sliver thinner than the precision grid, judged inside by its
     * interior point although snap rounding left it outside, can stand apart, and it must go.
     */
    private static Faces largestPiece(List<Face> faces, LocalProjection projection) {
        AdjacencyGraph graph = adjacency(faces, projection);
        int[] piece = new int[faces.size()];
        Arrays.fill(piece, -1);
        int best = -1;
        double bestArea = -1;
        int pieces = 0;
        for (int start = 0; start < faces.size(); start++) {
            if (piece[start] >= 0) {
                continue;
            }
            double area = 0;
            Deque<Integer> queue = new ArrayDeque<>(List.of(start));
            piece[start] = pieces;
            while (!queue.isEmpty()) {
                int f = queue.poll();
                area += faces.get(f).polygon.getArea();
                for (int n : graph.neighbours(f)) {
                    if (piece[n] < 0) {
                        piece[n] = pieces;
                        queue.add(n);
                    }
                }
            }
            if (area > bestArea) {
                bestArea = area;
                best = pieces;
            }
            pieces++;
        }
        if (pieces <= 1) {
            return new Faces(faces.stream().map(f -> f.polygon).toList(), graph);
        }
        List<Face> keep = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            if (piece[f] == best) {
                keep.add(faces.get(f));
            }
        }
        return new Faces(keep.stream().map(f -> f.polygon).toList(), adjacency(keep, projection));
    }

    /** Faces sharing a segment are neighbours; the noding makes shared segments bit-identical. */
    private static AdjacencyGraph adjacency(List<Face> faces, LocalProjection projection) {
        AdjacencyGraph.Builder builder = new AdjacencyGraph.Builder(faces.size());
        // used for lookups only: iteration order never matters
        Map<Segment, Integer> firstFace = new HashMap<>();
        for (int f = 0; f < faces.size(); f++) {
            Face face = faces.get(f);
            builder.centroid(f, projection.x(face.point.x), projection.y(face.point.y));
            Polygon polygon = face.polygon;
            for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
                LineString ring = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
                Coordinate[] cs = ring.getCoordinates();
                for (int i = 1; i < cs.length; i++) {
                    Integer other = firstFace.putIfAbsent(Segment.of(cs[i - 1], cs[i]), f);
                    if (other != null && other != f) {
                        builder.addShared(other, f, projection.toMetres(cs[i - 1].x, cs[i - 1].y)
                                .distance(projection.toMetres(cs[i].x, cs[i].y)));
                    }
                }
            }
        }
        return builder.build();
    }

    int size() {
        return polygons.size();
    }

    Polygon polygon(int face) {
        return polygons.get(face);
    }

    double area(int face) {
        return areas[face];
    }

    /** Face adjacency; a face's position is an interior point, in metres. */
    AdjacencyGraph graph() {
        return graph;
    }

    private record Face(Polygon polygon, Coordinate point) {
    }

    /** An undirected segment, its ends in a canonical order. */
    private record Segment(double x1, double y1, double x2, double y2) {

        static Segment of(Coordinate a, Coordinate b) {
            // + 0.0 turns -0.0 into 0.0, which records would otherwise treat as different
            return a.compareTo(b) <= 0
                    ? new Segment(a.x + 0.0, a.y + 0.0, b.x + 0.0, b.y + 0.0)
                    : new Segment(b.x + 0.0, b.y + 0.0, a.x + 0.0, a.y + 0.0);
        }
    }
}
