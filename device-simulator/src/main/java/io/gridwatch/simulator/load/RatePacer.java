package io.gridwatch.simulator.load;

/**
 * Open-loop pacing towards a target rate: at any moment since the start, {@code floor(rate × elapsed)} messages
 * are due. {@link #quota(long)} tells a ticking scheduler how many to send now (those due and not yet sent), so
 * that a late tick catches up rather than losing its share. When the sender falls behind (every connection at its
 * in-flight bound) the debt is capped at {@code maxBacklog}; what is above the cap is given up and counted in
 * {@link #skipped()}, so that a slow server is measured at the rate it holds and not hit by a burst afterwards.
 *
 * <p>Not thread-safe: one scheduler thread owns a pacer.
 */
public final class RatePacer {

    private final double perSecond;
    private final long maxBacklog;
    private long issued;
    private long skipped;

    /**
     * @param perSecond the target rate, messages per second, &gt; 0
     * @param maxBacklog the most messages owed at once, &ge; 1
     */
    public RatePacer(double perSecond, long maxBacklog) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + perSecond);
        }
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("max backlog must be >= 1: " + maxBacklog);
        }
        this.perSecond = perSecond;
        this.maxBacklog = maxBacklog;
    }

    /** A pacer whose backlog is capped at a tenth of a second of sending. */
    public static RatePacer withTenthSecondBacklog(double perSecond) {
        return new RatePacer(perSecond, Math.max(1, (long) Math.ceil(perSecond / 10)));
    }

    /** Messages due, in all, {@code elapsedNanos} after the start. */
    public static long dueBy(double perSecond, long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        return (long) Math.floor(perSecond * (elapsedNanos / 1e9));
    }

    /** How many messages to send now; call {@link #issued(long)} with how many were actually sent. */
    public long quota(long elapsedNanos) {
        long owed = dueBy(perSecond, elapsedNanos) - issued - skipped;
        if (owed > maxBacklog) {
            skipped += owed - maxBacklog;
            owed = maxBacklog;
        }
        return Math.max(0, owed);
    }

    /** Records that {@code count} messages were sent. */
    public void issued(long count) {
        issued += count;
    }

    /** Messages sent so far. */
    public long issued() {
        return issued;
    }

    /** Messages given up because the sender was more than the backlog behind. */
    public long skipped() {
        return skipped;
    }
}
