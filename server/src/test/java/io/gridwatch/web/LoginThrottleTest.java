package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong clock = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(clock::get);

    @Test
    void aBurstIsAllowedThenAttemptsWaitForTheRefill() {
        for (int i = 0; i < LoginThrottle.BURST; i++) {
            assertThat(throttle.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(throttle.tryAcquire("10.0.0.1")).isFalse();

        clock.addAndGet(LoginThrottle.REFILL_NANOS);

        assertThat(throttle.tryAcquire("10.0.0.1")).isTrue();
        assertThat(throttle.tryAcquire("10.0.0.1")).isFalse();
    }

    @Test
    void addressesAreCountedApart() {
        for (int i = 0; i < LoginThrottle.BURST; i++) {
            throttle.tryAcquire("10.0.0.1");
        }

        assertThat(throttle.tryAcquire("10.0.0.2")).isTrue();
    }
}
