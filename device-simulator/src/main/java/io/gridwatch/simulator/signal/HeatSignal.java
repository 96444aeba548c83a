package io.gridwatch.simulator.signal;

/**
 * The temperature a heat detector measures, in °C: a room at 22–30 °C (seeded per detector) with a slow daily swing
 * of ±2 °C and ±0.3 °C of noise per reading slot, and, once a fire heats the room, a rise of 10–20 °C per minute
 * (seeded) up to 90–150 °C, so that a rate-of-rise detector sees it within a minute and the 57 °C fixed point is
 * passed within two or three. A pure function of the time: immutable and thread-safe.
 */
public final class HeatSignal {

    private static final long NOISE_SLOT_S = 10;
    private static final double DAY_S = 86_400;

    private final long seed;
    private final long device;
    private final double fireAt;

    /**
     * @param device a number unique to the detector within the fleet
     * @param fireAt seconds after the start when the room starts heating; NaN for never
     */
    public HeatSignal(long seed, long device, double fireAt) {
        this.seed = seed;
        this.device = device;
        this.fireAt = fireAt;
    }

    /** °C at {@code seconds} after the start. */
    public double temperature(double seconds) {
        double room = Noise.between(22, 30, seed, device, 90)
                + 2 * Math.sin(2 * Math.PI * (seconds / DAY_S + Noise.uniform(seed, device, 91)))
                + Noise.between(-0.3, 0.3, seed, device, 92, (long) Math.floor(seconds / NOISE_SLOT_S));
        if (Double.isNaN(fireAt) || seconds < fireAt) {
            return room;
        }
        double perMinute = Noise.between(10, 20, seed, device, 93);
        double ceiling = Noise.between(90, 150, seed, device, 94);
        return Math.min(ceiling, room + perMinute * (seconds - fireAt) / 60);
    }
}
