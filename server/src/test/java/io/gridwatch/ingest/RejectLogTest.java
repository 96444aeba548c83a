package io.gridwatch.ingest;

import io.gridwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The log throttle: one line per device per minute, whatever the device does. */
class RejectLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

    @Test
    void aDeviceIsLoggedOncePerMinute() {
        RejectLog log = new RejectLog(clock);

        boolean first = log.shouldLog("smoke-1");
        boolean again = log.shouldLog("smoke-1");
        clock.advance(Duration.ofSeconds(59));
        boolean justBeforeTheMinute = log.shouldLog("smoke-1");
        clock.advance(Duration.ofSeconds(1));
        boolean afterTheMinute = log.shouldLog("smoke-1");

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(justBeforeTheMinute).isFalse();
        assertThat(afterTheMinute).isTrue();
    }

    @Test
    void devicesAreThrottledEachOnItsOwn() {
        RejectLog log = new RejectLog(clock);
        log.shouldLog("smoke-1");

        boolean other = log.shouldLog("gauge-2");
        boolean sameAgain = log.shouldLog("smoke-1");

        assertThat(other).isTrue();
        assertThat(sameAgain).isFalse();
    }

    @Test
    void aSweepForgetsDevicesWhoseMinuteHasPassed() {
        RejectLog log = new RejectLog(clock);
        log.shouldLog("smoke-1");
        clock.advance(Duration.ofSeconds(30));
        log.shouldLog("gauge-2");

        clock.advance(Duration.ofSeconds(40));
        log.sweep();

        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void aScanOfMadeUpDeviceIdsCannotGrowItBeyondItsBound() {
        RejectLog log = new RejectLog(clock, Duration.ofMinutes(1), 100);

        long logged = 0;
        for (int i = 0; i < 10_000; i++) {
            logged += log.shouldLog("made-up-" + i) ? 1 : 0;
        }
        clock.advance(Duration.ofMinutes(1));
        boolean afterwards = log.shouldLog("smoke-1");

        assertThat(logged).isEqualTo(100);
        assertThat(log.size()).isLessThanOrEqualTo(100);
        assertThat(afterwards).isTrue();
    }
}
