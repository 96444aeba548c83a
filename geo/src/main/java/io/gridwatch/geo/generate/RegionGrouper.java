package io.gridwatch.geo.generate;

import io.gridwatch.geo.model.GridException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Splits a connected adjacency graph into {@code k} connected groups of nearly equal size (in
 * nodes) and compact shape: the groups of cells that make the sectors, of sectors that make the
 * communities, and so on.
 *
 * <p>Seeds come from k-means on the node centroids (k-means++ start, driven by the given random);
 * then the smallest group that can still grow takes its unassigned neighbour nearest to its
 * k-means centre, until every node is taken. Growing only through graph edges keeps each group
 * connected. Groups boxed in by their neighbours stay small, so {@link GroupBalancer} then evens
 * out the sizes.
 * Stateless and thread-safe; deterministic for a given random state.
 */
final class RegionGrouper {

    private static final int KMEANS_ITERATIONS = 12;

    private RegionGrouper() {
    }

    /**
     * @return the group, {@code 0..k-1}, of every node; every group is non-empty and connected
     * @throws IllegalArgumentException when {@code k} is not between 1 and the number of nodes
     * @throws GridException when the graph is not connected
     */
    static int[] group(AdjacencyGraph graph, int k, SplittableRandom random) {
        int n = graph.size();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("cannot make " + k + " groups of " + n + " nodes");
        }
        double[][] centres = kMeans(graph, k, random);
        Growth growth = new Growth(graph, centres);
        growth.grow(seeds(graph, centres));
        new GroupBalancer(graph, centres, growth.groupOf).balance();
        return growth.groupOf;
    }

    private static double[][] kMeans(AdjacencyGraph graph, int k, SplittableRandom random) {
        int n = graph.size();
        double[][] centres = new double[k][];
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        int first = random.nextInt(n);
        centres[0] = new double[] {graph.x(first), graph.y(first)};
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], graph.distanceSq(i, centres[c - 1][0], centres[c - 1][1]));
                total += d2[i];
            }
            // k-means++: pick the next centre with probability proportional to squared distance
            double r = random.nextDouble() * total;
            int pick = 0;
            for (int i = 0; i < n; i++) {
                r -= d2[i];
                if (d2[i] > 0) {
                    pick = i;
                    if (r <= 0) {
                        break;
                    }
                }
            }
            centres[c] = new double[] {graph.x(pick), graph.y(pick)};
        }
        int[] nearest = new int[n];
        for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
            for (int i = 0; i < n; i++) {
                nearest[i] = nearestCentre(graph, i, centres);
            }
            double[][] sums = new double[k][3];
            for (int i = 0; i < n; i++) {
                sums[nearest[i]][0] += graph.x(i);
                sums[nearest[i]][1] += graph.y(i);
                sums[nearest[i]][2]++;
            }
            for (int c = 0; c < k; c++) {
                if (sums[c][2] > 0) {
                    centres[c] = new double[] {sums[c][0] / sums[c][2], sums[c][1] / sums[c][2]};
                }
            }
        }
        return centres;
    }

    private static int nearestCentre(AdjacencyGraph graph, int node, double[][] centres) {
        int best = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d2 = graph.distanceSq(node, centres[c][0], centres[c][1]);
            if (d2 < bestD2) {
                bestD2 = d2;
                best = c;
            }
        }
        return best;
    }

    /** For each centre in turn, the nearest node not yet taken as a seed. */
    private static int[] seeds(AdjacencyGraph graph, double[][] centres) {
        boolean[] taken = new boolean[graph.size()];
        int[] seeds = new int[centres.length];
        for (int c = 0; c < centres.length; c++) {
            int best = -1;
            double bestD2 = Double.POSITIVE_INFINITY;
            for (int i = 0; i < graph.size(); i++) {
                double d2 = graph.distanceSq(i, centres[c][0], centres[c][1]);
                if (!taken[i] && d2 < bestD2) {
                    bestD2 = d2;
                    best = i;
                }
            }
            taken[best] = true;
            seeds[c] = best;
        }
        return seeds;
    }

    /** The mutable state of one grouping. */
    private static final class Growth {

        private final AdjacencyGraph graph;
        private final double[][] centres;
        private final int[] groupOf;
        private final int[] size;
        private final List<TreeSet<Integer>> frontier = new ArrayList<>();

        Growth(AdjacencyGraph graph, double[][] centres) {
            this.graph = graph;
            this.centres = centres;
            this.groupOf = new int[graph.size()];
            this.size = new int[centres.length];
            Arrays.fill(groupOf, -1);
            for (int g = 0; g < centres.length; g++) {
                frontier.add(new TreeSet<>());
            }
        }

        void grow(int[] seeds) {
            for (int g = 0; g < seeds.length; g++) {
                take(seeds[g], g);
            }
            for (int remaining = graph.size() - seeds.length; remaining > 0; remaining--) {
                int g = smallestGrowable();
                if (g < 0) {
                    throw new GridException("cannot group " + graph.size() + " areas: they are not all connected");
                }
                int best = -1;
                double bestD2 = Double.POSITIVE_INFINITY;
                for (int v : frontier.get(g)) {
                    double d2 = graph.distanceSq(v, centres[g][0], centres[g][1]);
                    if (d2 < bestD2) {
                        bestD2 = d2;
                        best = v;
                    }
                }
                take(best, g);
            }
        }

        private int smallestGrowable() {
            int best = -1;
            for (int g = 0; g < size.length; g++) {
                if (!frontier.get(g).isEmpty() && (best < 0 || size[g] < size[best])) {
                    best = g;
                }
            }
            return best;
        }

        private void take(int v, int g) {
            groupOf[v] = g;
            size[g]++;
            for (int nb : graph.neighbours(v)) {
                if (groupOf[nb] < 0) {
                    frontier.get(g).add(nb);
                } else {
                    // only a group holding a neighbour of v can have v on its frontier
                    frontier.get(groupOf[nb]).remove(v);
                }
            }
        }
    }
}
