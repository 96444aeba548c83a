package io.gridwatch.geo.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.geo.model.GridException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegionGrouperTest {

    @Test
    void latticeSplitsIntoConnectedGroupsOfEvenSize() {
        // given a 12 x 10 lattice of unit squares
        AdjacencyGraph lattice = lattice(12, 10);

        // when
        int[] groupOf = RegionGrouper.group(lattice, 7, new SplittableRandom(1));

        // then 120 / 7 = 17.1: every group has 17 or 18 nodes and hangs together
        int[] sizes = sizes(groupOf, 7);
        assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(17);
        assertThat(Arrays.stream(sizes).max().orElseThrow()).isLessThanOrEqualTo(18);
        for (int g = 0; g < 7; g++) {
            assertThat(isConnected(lattice, groupOf, g)).as("group %d connected", g).isTrue();
        }
    }

    @Test
    void sameRandomStateGivesTheSameGroups() {
        // given
        AdjacencyGraph lattice = lattice(9, 9);

        // when
        int[] first = RegionGrouper.group(lattice, 5, new SplittableRandom(42));
        int[] second = RegionGrouper.group(lattice, 5, new SplittableRandom(42));

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void asManyGroupsAsNodesPutsEachNodeAlone() {
        // when
        int[] groupOf = RegionGrouper.group(lattice(3, 2), 6, new SplittableRandom(3));

        // then
        assertThat(Arrays.stream(groupOf).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void disconnectedGraphIsRefused() {
        // given two nodes that share no edge
        AdjacencyGraph apart = new AdjacencyGraph.Builder(3).centroid(0, 0, 0).centroid(1, 5, 0).centroid(2, 6, 0)
                .addShared(1, 2, 1).build();

        // then
        assertThatThrownBy(() -> RegionGrouper.group(apart, 1, new SplittableRandom(1)))
                .isInstanceOf(GridException.class);
    }

    @Test
    void moreGroupsThanNodesIsRefused() {
        assertThatThrownBy(() -> RegionGrouper.group(lattice(2, 2), 5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static AdjacencyGraph lattice(int width, int height) {
        AdjacencyGraph.Builder builder = new AdjacencyGraph.Builder(width * height);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int node = row * width + col;
                builder.centroid(node, col + 0.5, row + 0.5);
                if (col > 0) {
                    builder.addShared(node, node - 1, 1);
                }
                if (row > 0) {
                    builder.addShared(node, node - width, 1);
                }
            }
        }
        return builder.build();
    }

    private static int[] sizes(int[] groupOf, int groups) {
        int[] sizes = new int[groups];
        for (int g : groupOf) {
            sizes[g]++;
        }
        return sizes;
    }

    private static boolean isConnected(AdjacencyGraph graph, int[] groupOf, int group) {
        int start = -1;
        int members = 0;
        for (int v = 0; v < groupOf.length; v++) {
            if (groupOf[v] == group) {
                members++;
                start = start < 0 ? v : start;
            }
        }
        boolean[] seen = new boolean[groupOf.length];
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        seen[start] = true;
        int reached = 0;
        while (!queue.isEmpty()) {
            int v = queue.poll();
            reached++;
            for (int nb : graph.neighbours(v)) {
                if (!seen[nb] && groupOf[nb] == group) {
                    seen[nb] = true;
                    queue.add(nb);
                }
            }
        }
        return reached == members;
    }
}
