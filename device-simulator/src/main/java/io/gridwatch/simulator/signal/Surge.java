package io.gridwatch.simulator.signal;

/**
 * The shape of a flood or storm surge over time, as the share (0…1) of the way from a gauge's normal level to
 * its peak: 0 before {@code onset}, rising linearly for {@code rise} seconds, held at 1 for {@code hold}
 * seconds, then receding linearly over {@code recede} seconds. Immutable.
 *
 * @param onset seconds after the simulation's start at which the water starts to rise
 * @param rise seconds from the onset to the peak
 * @param hold seconds at the peak
 * @param recede seconds from the end of the peak back to normal
 */
public record Surge(double onset, double rise, double hold, double recede) {

    public Surge {
        if (!(rise > 0) || hold < 0 || !(recede > 0)) {
            throw new IllegalArgumentException("a surge needs a positive rise and recession and a hold >= 0");
        }
    }

    /** The share of the surge at {@code seconds} after the simulation's start. */
    public double share(double seconds) {
        double t = seconds - onset;
        if (t <= 0) {
            return 0;
        }
        if (t < rise) {
            return t / rise;
        }
        t -= rise;
        if (t <= hold) {
            return 1;
        }
        t -= hold;
        return t >= recede ? 0 : 1 - t / recede;
    }
}
