package io.gridwatch.geo.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * Evens out the sizes of connected groups on an adjacency graph by moving border nodes, without
 * ever disconnecting a group.
 *
 * <p>A small group takes a node from the nearest group (through the group graph) that is at least
 * two nodes bigger. When the two are not neighbours, the node travels along a chain: each group
 * on the way passes one border node to the next, so only the two ends change size. A chain that
 * cannot be completed is rolled back. Every completed chain lowers the sum of squared sizes, so
 * balancing ends. Not thread-safe: it changes the arrays it was given.
 */
final class GroupBalancer {

    private final AdjacencyGraph graph;
    private final double[][] centres;
    private final int[] groupOf;
    private final int[] size;
    private final List<TreeSet<Integer>> members = new ArrayList<>();
    /** Visit marks for connectivity checks, by stamp, so no array is cleared per check. */
    private final int[] mark;
    private int stamp;

    /**
     * @param centres where each group is centred (metres); a moved node is the one nearest to
     *     the receiving group's centre, which keeps groups compact
     * @param groupOf every node's group; changed in place
     */
    GroupBalancer(AdjacencyGraph graph, double[][] centres, int[] groupOf) {
        this.graph = graph;
        this.centres = centres;
        this.groupOf = groupOf;
        this.size = new int[centres.length];
        this.mark = new int[graph.size()];
        for (int g = 0; g < centres.length; g++) {
            members.add(new TreeSet<>());
        }
        for (int v = 0; v < groupOf.length; v++) {
            members.get(groupOf[v]).add(v);
            size[groupOf[v]]++;
        }
    }

    void balance() {
        boolean[] stuck = new boolean[size.length];
        while (true) {
            int largest = Arrays.stream(size).max().orElse(0);
            int h = -1;
            for (int g = 0; g < size.length; g++) {
                if (!stuck[g] && size[g] <= largest - 2 && (h < 0 || size[g] < size[h])) {
                    h = g;
                }
            }
            if (h < 0) {
                return;
            }
            if (feed(h)) {
                Arrays.fill(stuck, false);
            } else {
                stuck[h] = true;
            }
        }
    }

    /** Finds the nearest group at least two bigger than {@code h} and moves one node's worth into h. */
    private boolean feed(int h) {
        int[] next = new int[size.length]; // next[g]: the group g passes a node to on the way to h
        Arrays.fill(next, -1);
        next[h] = h;
        Deque<Integer> queue = new ArrayDeque<>(List.of(h));
        while (!queue.isEmpty()) {
            int c = queue.poll();
            for (int g : neighbourGroups(c)) {
                if (next[g] >= 0 || movable(g, c) < 0) {
                    continue;
                }
                next[g] = c;
                if (size[g] >= size[h] + 2) {
                    return pass(g, next);
                }
                queue.add(g);
            }
        }
        return false;
    }

    /** Moves a node from each group on the chain to the next; undoes all on a broken link. */
    private boolean pass(int source, int[] next) {
        List<int[]> done = new ArrayList<>();
        for (int g = source; next[g] != g; g = next[g]) {
            int v = movable(g, next[g]);
            if (v < 0) {
                for (int i = done.size() - 1; i >= 0; i--) {
                    move(done.get(i)[0], done.get(i)[1]);
                }
                return false;
            }
            done.add(new int[] {v, g});
            move(v, next[g]);
        }
        return true;
    }

    private void move(int v, int to) {
        int from = groupOf[v];
        members.get(from).remove(v);
        members.get(to).add(v);
        size[from]--;
        size[to]++;
        groupOf[v] = to;
    }

    private TreeSet<Integer> neighbourGroups(int g) {
        TreeSet<Integer> groups = new TreeSet<>();
        for (int v : members.get(g)) {
            for (int nb : graph.neighbours(v)) {
                if (groupOf[nb] != g) {
                    groups.add(groupOf[nb]);
                }
            }
        }
        return groups;
    }

    /**
     * The node of {@code from} that borders {@code to}, leaves {@code from} connected when it goes,
     * and lies nearest to the centre of {@code to}; -1 if there is none.
     */
    private int movable(int from, int to) {
        if (size[from] < 2) {
            return -1;
        }
        int best = -1;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int v : members.get(from)) {
            double d2 = graph.distanceSq(v, centres[to][0], centres[to][1]);
            if (d2 < bestD2 && borders(v, to) && connectedWithout(v)) {
                best = v;
                bestD2 = d2;
            }
        }
        return best;
    }

    private boolean borders(int v, int group) {
        for (int nb : graph.neighbours(v)) {
            if (groupOf[nb] == group) {
                return true;
            }
        }
        return false;
    }

    private boolean connectedWithout(int v) {
        int g = groupOf[v];
        stamp++;
        mark[v] = stamp;
        int start = -1;
        for (int u : members.get(g)) {
            if (u != v) {
                start = u;
                break;
            }
        }
        mark[start] = stamp;
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        int reached = 1;
        while (!queue.isEmpty()) {
            for (int nb : graph.neighbours(queue.poll())) {
                if (mark[nb] != stamp && groupOf[nb] == g) {
                    mark[nb] = stamp;
                    reached++;
                    queue.add(nb);
                }
            }
        }
        return reached == size[g] - 1;
    }
}
