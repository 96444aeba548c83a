package io.gridwatch.simulator.signal;

/**
 * The concentration a combustible-gas detector in a restaurant kitchen measures, in % of the lower explosive limit:
 * a baseline of 0–2 %LEL (sensor drift and noise, new each reading slot), during service hours small bumps from
 * burners lit and pans flambéed (up to 8 %LEL, never near the 20 %LEL line), and, once a leak starts, a rise that
 * follows a filling room: {@code peak × (1 − e^(−t/τ))} with a seeded peak of 55–80 %LEL and τ of 60–120 s, so that
 * 20 %LEL is crossed after half a minute to a minute and 50 %LEL a minute or two later. A pure function of the
 * time: immutable and thread-safe.
 */
public final class GasSignal {

    /** No kitchen bump reaches this (%LEL). */
    public static final double BUMP_CEILING = 8;
    private static final long NOISE_SLOT_S = 10;
    private static final long BUMP_SLOT_S = 600;

    private final long seed;
    private final long device;
    private final double leakAt;

    /**
     * @param device a number unique to the detector within the fleet
     * @param leakAt seconds after the start when a leak reaches it; NaN for never
     */
    public GasSignal(long seed, long device, double leakAt) {
        this.seed = seed;
        this.device = device;
        this.leakAt = leakAt;
    }

    /** %LEL at {@code seconds} after the start, within 0–100. */
    public double lel(double seconds) {
        long slot = (long) Math.floor(seconds / NOISE_SLOT_S);
        double value = Noise.between(0, 2, seed, device, 80, slot) + bump(seconds);
        if (!Double.isNaN(leakAt) && seconds >= leakAt) {
            double peak = Noise.between(55, 80, seed, device, 81);
            double tau = Noise.between(60, 120, seed, device, 82);
            value += peak * (1 - Math.exp(-(seconds - leakAt) / tau));
        }
        return Math.min(100, Math.max(0, value));
    }

    /** A cooking bump in about one slot of ten, a smooth hump of 1–3 minutes. */
    private double bump(double seconds) {
        long slot = (long) Math.floor(seconds / BUMP_SLOT_S);
        if (Noise.uniform(seed, device, 83, slot) >= 0.1) {
            return 0;
        }
        double length = Noise.between(60, 180, seed, device, 84, slot);
        double start = slot * BUMP_SLOT_S + Noise.between(0, BUMP_SLOT_S - length, seed, device, 85, slot);
        double into = (seconds - start) / length;
        return into < 0 || into > 1 ? 0 : Noise.between(2, BUMP_CEILING - 2, seed, device, 86, slot)
                * Math.sin(Math.PI * into);
    }
}
