package io.gridwatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something asynchronous to become true, from a test thread. */
public final class Eventually {

    private Eventually() {
    }

    /** @throws AssertionError with {@code what} when it is still false after {@code within} */
    public static void until(Duration within, String what, BooleanSupplier condition) {
        until(within, () -> what, condition);
    }

    /** As above, with {@code what} worded when it fails (to show the state it ended in). */
    public static void until(Duration within, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }
}
