package io.gridwatch.simulator.signal;

/**
 * Deterministic pseudo-random numbers as a pure function of their inputs (SplitMix64 finaliser over a seed and
 * keys), so that a signal's value at a given time never depends on what was asked before: the same seed, device
 * and time give the same reading in every run and after every restart. Stateless; thread-safe.
 */
public final class Noise {

    private Noise() {
    }

    /** A well-mixed 64-bit hash of {@code seed} and {@code keys}. */
    public static long hash(long seed, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long key : keys) {
            h = mix(h + key * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
        }
        return h;
    }

    /** A uniform number in [0, 1) for {@code seed} and {@code keys}. */
    public static double uniform(long seed, long... keys) {
        return (hash(seed, keys) >>> 11) * 0x1.0p-53;
    }

    /** A uniform number in [{@code low}, {@code high}) for {@code seed} and {@code keys}. */
    public static double between(double low, double high, long seed, long... keys) {
        return low + (high - low) * uniform(seed, keys);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
