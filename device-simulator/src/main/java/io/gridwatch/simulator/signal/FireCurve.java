package io.gridwatch.simulator.signal;

/**
 * The obscuration a growing fire adds at a detector, from the moment smoke reaches it: exponential growth from
 * {@value #START} %/m, doubling every {@code doubling} seconds, up to {@value #MAX} %/m (dense smoke). With the
 * default doubling of 20 s the detector crosses the 4 %/m alarm line one minute after smoke reaches it. Immutable.
 */
public final class FireCurve {

    static final double START = 0.5;
    static final double MAX = 30.0;

    private final double doublingSeconds;

    public FireCurve(double doublingSeconds) {
        if (!(doublingSeconds > 0)) {
            throw new IllegalArgumentException("doubling time must be positive: " + doublingSeconds);
        }
        this.doublingSeconds = doublingSeconds;
    }

    /** Obscuration in %/m {@code seconds} after smoke reached the detector; 0 before. */
    public double obscuration(double seconds) {
        if (seconds < 0) {
            return 0;
        }
        return Math.min(MAX, START * Math.pow(2, seconds / doublingSeconds));
    }

    /** Seconds after smoke arrives at which the obscuration first reaches {@code level} %/m. */
    public double secondsToReach(double level) {
        return level <= START ? 0 : doublingSeconds * Math.log(level / START) / Math.log(2);
    }
}
