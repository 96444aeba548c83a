package io.gridwatch.simulator.signal;

/**
 * When a device stops reporting for good (a dead radio, a removed detector): from {@code from} seconds after the
 * simulation's start, or never ({@link Double#POSITIVE_INFINITY}). Immutable.
 *
 * @param from seconds after the start from which the device is silent
 */
public record Silence(double from) {

    public static final Silence NEVER = new Silence(Double.POSITIVE_INFINITY);

    /** One device in {@code oneIn} falls silent, at a seeded time between 2 and 30 minutes after the start. */
    public static Silence of(long seed, long device, int oneIn) {
        if (oneIn <= 0 || Noise.uniform(seed, device, 50) * oneIn >= 1) {
            return NEVER;
        }
        return new Silence(Noise.between(120, 1_800, seed, device, 51));
    }

    public boolean at(double seconds) {
        return seconds >= from;
    }
}
