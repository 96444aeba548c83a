package io.gridwatch.simulator.fleet;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Shares a whole number of items among parties in proportion to weights (largest remainder method), optionally
 * one to every party first. Stateless.
 */
final class Apportionment {

    private Apportionment() {
    }

    /**
     * @param total items to share
     * @param weights one positive weight per party
     * @param oneEachFirst give every party one item before sharing the rest (needs {@code total >= parties})
     * @return items per party, summing to {@code total}
     */
    static int[] of(int total, double[] weights, boolean oneEachFirst) {
        int parties = weights.length;
        int[] shares = new int[parties];
        int rest = total;
        if (oneEachFirst) {
            java.util.Arrays.fill(shares, 1);
            rest -= parties;
        }
        double sum = java.util.Arrays.stream(weights).sum();
        double[] exact = new double[parties];
        int given = 0;
        for (int i = 0; i < parties; i++) {
            exact[i] = rest * weights[i] / sum;
            int whole = (int) Math.floor(exact[i]);
            shares[i] += whole;
            given += whole;
        }
        int left = rest - given;
        int[] byRemainder = IntStream.range(0, parties).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> exact[i] - Math.floor(exact[i])).reversed()
                        .thenComparing(i -> i))
                .mapToInt(Integer::intValue).limit(left).toArray();
        for (int i : byRemainder) {
            shares[i]++;
        }
        return shares;
    }
}
