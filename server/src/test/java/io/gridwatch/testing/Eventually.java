package io.gridwatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous to become true, from a test thread. */
public final class Eventually {

    private Eventually() {
    }

    /** @throws AssertionError with {@code what} when it is still false after {@code within} */
    public static void until(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
