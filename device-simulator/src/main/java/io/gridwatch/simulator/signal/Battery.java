package io.gridwatch.simulator.signal;

/**
 * A battery draining linearly: {@code start} percent at the simulation's start, {@code drainPerHour} percent
 * less every hour, never below 0; reported as a whole percent as devices do. Immutable.
 */
public record Battery(double start, double drainPerHour) {

    public Battery {
        if (start < 0 || start > 100) {
            throw new IllegalArgumentException("battery start must be 0..100: " + start);
        }
        if (drainPerHour < 0) {
            throw new IllegalArgumentException("drain must not be negative: " + drainPerHour);
        }
    }

    /**
     * A device's battery for the fleet: most start between 60 and 100 % and drain 0.01–0.05 % an hour (years
     * of life); one in {@code lowOneIn} is nearly flat: it starts at 15.05–15.6 % and drains 0.2–1.0 % an hour,
     * so that it crosses the 15 % line between a few minutes and three hours after the start.
     */
    public static Battery of(long seed, long device, int lowOneIn) {
        boolean low = Noise.uniform(seed, device, 20) * lowOneIn < 1;
        double start = low ? Noise.between(15.05, 15.6, seed, device, 21) : Noise.between(60, 100, seed, device, 21);
        return new Battery(start, Noise.between(0.01, 0.05, seed, device, 22) * (low ? 20 : 1));
    }

    /** The whole percent at {@code seconds} after the start. */
    public int percent(double seconds) {
        double hours = Math.max(0, seconds) / 3_600;
        return (int) Math.floor(Math.max(0, start - drainPerHour * hours));
    }
}
