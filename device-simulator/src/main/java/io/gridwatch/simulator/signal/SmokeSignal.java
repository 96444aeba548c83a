package io.gridwatch.simulator.signal;

/**
 * The obscuration a quiet smoke detector measures: baseline noise (0.05–0.30 %/m, new each reading slot) and,
 * rarely, a short cooking spike (about one a day per detector, 2–6 minutes, peaking at 0.8–2.5 %/m) that rises
 * and falls but always stays below {@link #SPIKE_CEILING}, well under the 4 %/m alarm line. A pure function of
 * the time: immutable and thread-safe.
 */
public final class SmokeSignal {

    /** No cooking spike reaches this (%/m). */
    public static final double SPIKE_CEILING = 2.5;
    /** Spikes are drawn per slot of this many seconds; about one slot in {@link #SPIKE_ODDS} has one. */
    static final long SLOT_S = 1_800;
    static final int SPIKE_ODDS = 48;
    private static final long NOISE_SLOT_S = 10;

    private final long seed;
    private final long device;

    /** @param device a number unique to the detector within the fleet */
    public SmokeSignal(long seed, long device) {
        this.seed = seed;
        this.device = device;
    }

    /** Obscuration in %/m at {@code seconds} after the simulation's start (may be negative: before it). */
    public double obscuration(double seconds) {
        long noiseSlot = (long) Math.floor(seconds / NOISE_SLOT_S);
        double baseline = Noise.between(0.05, 0.30, seed, device, 1, noiseSlot);
        return baseline + spike(seconds);
    }

    /** The cooking spike's share of the obscuration at {@code seconds}; 0 outside a spike. */
    double spike(double seconds) {
        long slot = (long) Math.floor(seconds / SLOT_S);
        if (Noise.uniform(seed, device, 2, slot) * SPIKE_ODDS >= 1) {
            return 0;
        }
        double length = Noise.between(120, 360, seed, device, 3, slot);
        double start = slot * SLOT_S + Noise.between(0, SLOT_S - length, seed, device, 4, slot);
        double peak = Noise.between(0.8, SPIKE_CEILING - 0.30, seed, device, 5, slot);
        double into = (seconds - start) / length;
        if (into < 0 || into > 1) {
            return 0;
        }
        // a smooth hump: up in the first half, down in the second
        return peak * Math.sin(Math.PI * into);
    }
}
