package io.gridwatch.geo.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which areas of a partition share an edge, and how long that edge is, with each area's centroid
 * in local metres. Nodes are numbered from 0; neighbours are listed in ascending order so that
 * anything iterating them is deterministic. Immutable and thread-safe once built.
 */
final class AdjacencyGraph {

    private final double[] x;
    private final double[] y;
    private final int[][] neighbours;
    private final double[][] shared;

    private AdjacencyGraph(double[] x, double[] y, int[][] neighbours, double[][] shared) {
        this.x = x;
        this.y = y;
        this.neighbours = neighbours;
        this.shared = shared;
    }

    int size() {
        return x.length;
    }

    double x(int node) {
        return x[node];
    }

    double y(int node) {
        return y[node];
    }

    /** The nodes sharing an edge with {@code node}, ascending. The caller must not change the array. */
    int[] neighbours(int node) {
        return neighbours[node];
    }

    /** Length of the edge shared with {@code neighbours(node)[k]}. The caller must not change the array. */
    double[] sharedLengths(int node) {
        return shared[node];
    }

    double distanceSq(int node, double px, double py) {
        double dx = x[node] - px;
        double dy = y[node] - py;
        return dx * dx + dy * dy;
    }

    /**
     * The graph of the groups: group {@code g} sits at {@code (gx[g], gy[g])} and shares with
     * another group the sum of its members' edges with that group's members.
     *
     * @param groupOf the group of every node, {@code 0 <= groupOf[i] < gx.length}
     */
    AdjacencyGraph contract(int[] groupOf, double[] gx, double[] gy) {
        Builder builder = new Builder(gx.length);
        for (int g = 0; g < gx.length; g++) {
            builder.centroid(g, gx[g], gy[g]);
        }
        for (int i = 0; i < size(); i++) {
            for (int k = 0; k < neighbours[i].length; k++) {
                int j = neighbours[i][k];
                // each undirected edge once, from its lower end
                if (i < j && groupOf[i] != groupOf[j]) {
                    builder.addShared(groupOf[i], groupOf[j], shared[i][k]);
                }
            }
        }
        return builder.build();
    }

    /** Collects centroids and shared edges; not thread-safe. */
    static final class Builder {

        private final double[] x;
        private final double[] y;
        // TreeMaps rather than HashMaps: the order of neighbours must not depend on hashing
        private final List<Map<Integer, Double>> shared = new ArrayList<>();

        Builder(int size) {
            x = new double[size];
            y = new double[size];
            for (int i = 0; i < size; i++) {
                shared.add(new TreeMap<>());
            }
        }

        Builder centroid(int node, double px, double py) {
            x[node] = px;
            y[node] = py;
            return this;
        }

        /** Adds {@code length} to the edge between two different nodes (in both directions). */
        Builder addShared(int a, int b, double length) {
            if (a == b) {
                throw new IllegalArgumentException("a node shares no edge with itself: " + a);
            }
            shared.get(a).merge(b, length, Double::sum);
            shared.get(b).merge(a, length, Double::sum);
            return this;
        }

        AdjacencyGraph build() {
            int n = x.length;
            int[][] neighbours = new int[n][];
            double[][] lengths = new double[n][];
            for (int i = 0; i < n; i++) {
                Map<Integer, Double> edges = shared.get(i);
                neighbours[i] = new int[edges.size()];
                lengths[i] = new double[edges.size()];
                int k = 0;
                for (Map.Entry<Integer, Double> e : edges.entrySet()) {
                    neighbours[i][k] = e.getKey();
                    lengths[i][k] = e.getValue();
                    k++;
                }
            }
            return new AdjacencyGraph(x.clone(), y.clone(), neighbours, lengths);
        }
    }
}
