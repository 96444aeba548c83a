package io.gridwatch.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void elementsTakeTurnsInOrder() {
        RoundRobin<String> turns = new RoundRobin<>(List.of("a", "b", "c"));
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            handedOut.add(turns.next(x -> true));
        }
        assertThat(handedOut).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void elementsThatAreNotReadyAreSkipped() {
        RoundRobin<String> turns = new RoundRobin<>(List.of("a", "b", "c"));
        Set<String> busy = Set.of("b");

        assertThat(turns.next(x -> !busy.contains(x))).isEqualTo("a");
        assertThat(turns.next(x -> !busy.contains(x))).isEqualTo("c");
        assertThat(turns.next(x -> !busy.contains(x))).isEqualTo("a");
    }

    @Test
    void nothingIsHandedOutWhenNoElementIsReady() {
        RoundRobin<String> turns = new RoundRobin<>(List.of("a", "b"));

        assertThat(turns.next(x -> false)).isNull();
    }
}
