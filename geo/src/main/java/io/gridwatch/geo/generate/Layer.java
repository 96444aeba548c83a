package io.gridwatch.geo.generate;

import io.gridwatch.geo.crs.LocalProjection;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * The units of one level while the grid is built: their polygons (lon/lat, edge-matched) and
 * which of them share an edge. Immutable once made.
 *
 * @param polygons unit {@code i}'s area
 * @param graph unit {@code i}'s neighbours and centroid in metres
 */
record Layer(List<Polygon> polygons, AdjacencyGraph graph) {

    Layer {
        polygons = List.copyOf(polygons);
        if (polygons.size() != graph.size()) {
            throw new IllegalArgumentException(polygons.size() + " polygons but " + graph.size() + " graph nodes");
        }
    }

    int size() {
        return polygons.size();
    }

    /**
     * The level above: group {@code g} is the union of the units {@code i} with
     * {@code groupOf[i] == g}; each group must be edge-connected.
     *
     * @param what names a group in error messages, such as "sector"
     */
    Layer merge(int[] groupOf, int groups, LocalProjection projection, String what) {
        List<List<Polygon>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < groupOf.length; i++) {
            members.get(groupOf[i]).add(polygons.get(i));
        }
        List<Polygon> merged = new ArrayList<>(groups);
        double[] x = new double[groups];
        double[] y = new double[groups];
        for (int g = 0; g < groups; g++) {
            Polygon union = Coverage.union(members.get(g), what + " " + g);
            merged.add(union);
            Coordinate c = union.getCentroid().getCoordinate();
            x[g] = projection.x(c.x);
            y[g] = projection.y(c.y);
        }
        return new Layer(merged, graph.contract(groupOf, x, y));
    }
}
