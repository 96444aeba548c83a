package io.gridwatch.simulator.signal;

/**
 * The level a water-level gauge reports, in metres above its datum: the real series replayed at
 * {@code replaySpeed} times real time, from an offset into the series of its own (a time shift per gauge), scaled
 * so that the series' whole yearly range lies between the gauge's dry level (15–35 % of {@code warn}) and 75 % of
 * {@code warn}; a few millimetres of noise; and, during a surge, a rise to {@value #OVERSHOOT} m above
 * {@code danger}. A pure function of the time: immutable and thread-safe.
 */
public final class GaugeSignal {

    /** How far above the danger line a surge peaks, metres. */
    public static final double OVERSHOOT = 0.30;
    private static final double NOISE_M = 0.004;
    private static final long NOISE_SLOT_S = 10;

    private final WaterLevelSeries series;
    private final long seed;
    private final long gauge;
    private final double danger;
    private final double dryLevel;
    private final double scale;
    private final double shiftSeconds;
    private final double replaySpeed;
    private final Surge surge;

    /**
     * @param warn the gauge's warning line, metres above its datum
     * @param danger the gauge's danger line, above {@code warn}
     * @param surge the surge this gauge sees, or null for none
     */
    public GaugeSignal(WaterLevelSeries series, long seed, long gauge, double warn, double danger,
            double replaySpeed, Surge surge) {
        if (!(warn > 0) || !(danger > warn)) {
            throw new IllegalArgumentException("need 0 < warn < danger, got " + warn + ", " + danger);
        }
        this.series = series;
        this.seed = seed;
        this.gauge = gauge;
        this.danger = danger;
        this.dryLevel = warn * Noise.between(0.15, 0.35, seed, gauge, 30);
        this.scale = (0.75 * warn - dryLevel) / (series.max() - series.min());
        this.shiftSeconds = Noise.between(0, series.span(), seed, gauge, 31);
        this.replaySpeed = replaySpeed;
        this.surge = surge;
    }

    /** The level at {@code seconds} after the simulation's start, metres above the datum, to the millimetre. */
    public double level(double seconds) {
        double normal = normalLevel(seconds);
        double share = surge == null ? 0 : surge.share(seconds);
        double level = normal + share * (danger + OVERSHOOT - normal);
        return Math.round(level * 1000) / 1000.0;
    }

    /** The level without any surge. */
    double normalLevel(double seconds) {
        double replayed = series.at(shiftSeconds + seconds * replaySpeed);
        long slot = (long) Math.floor(seconds / NOISE_SLOT_S);
        return dryLevel + (replayed - series.min()) * scale + Noise.between(-NOISE_M, NOISE_M, seed, gauge, 32, slot);
    }
}
