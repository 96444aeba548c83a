package io.gridwatch.simulator.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Waiting for a process to go quiet before a storm (the JIT compilers of a warm-up still at work). */
class ProcessWatchTest {

    @Test
    void aProcessThatSpinsIsNotQuietAndOneThatRestsIs() throws Exception {
        // given: this process, with one thread spinning a whole core
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            long sink = 0;
            while (spin.get()) {
                sink += System.nanoTime() % 7;
            }
            if (sink == 42) {
                System.err.print("");
            }
        });
        spinner.start();
        boolean quietWhileSpinning;
        try {
            // when: it waits for less than a hundredth of a core over 500 ms windows (under one clock tick of CPU
            // time: even a spinner that a busy machine runs only now and then is seen), for at most a second
            quietWhileSpinning = ProcessWatch.awaitQuiet(List.of(ProcessWatch.self()), 0.01,
                    Duration.ofMillis(500), Duration.ofSeconds(1));
        } finally {
            spin.set(false);
            spinner.join();
        }
        // then: not quiet while it spins; quiet once the spinner stopped (a watch of no process is always quiet)
        assertThat(quietWhileSpinning).isFalse();
        assertThat(ProcessWatch.awaitQuiet(List.of(ProcessWatch.self(), ProcessWatch.of(null)), 0.5,
                Duration.ofMillis(200), Duration.ofSeconds(10))).isTrue();
    }
}
