package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where one (device, alert kind) stands between readings: raised (at which severity) or not, the newest reading
 * time judged, and since when the condition has looked over while still raised. It gives the rules their common
 * behaviour:
 * <ul>
 * <li>A reading that meets the condition raises, at the worse of the held and the new severity.
 * <li>A raised latch clears only on readings that are clearly past the condition ({@code clearable}, the rule's
 *     margin) for at least {@code hold}, measured with the readings' own timestamps. A reading that is not clearly
 *     past it (the band between the line and the line minus the margin) restarts the hold, so a value hovering at
 *     the line never flaps.
 * <li>A late reading (its timestamp not after the newest one judged: a redelivery, a reconnect backlog mixed with
 *     live readings, a device clock set back) may still raise, because it reports something that happened, but
 *     never clears or advances a hold: it does not say what is true now.
 * </ul>
 * Immutable; every transition returns a new value.
 *
 * @param raised the held severity, null when not raised
 * @param newest the newest reading time judged, null before the first one
 * @param clearingSince while raised: the time of the first reading of the current unbroken run of clearable
 *     readings, null when there is none
 */
public record Latch(Severity raised, Instant newest, Instant clearingSince) {

    /** Never raised, no reading judged yet. */
    public static final Latch IDLE = new Latch(null, null, null);

    /** Raised at {@code severity} with no reading judged yet: the state after a restart while an alert is open. */
    public static Latch raisedAt(Severity severity) {
        return new Latch(severity, null, null);
    }

    public boolean isRaised() {
        return raised != null;
    }

    /** Whether a reading at {@code ts} is late: not after the newest one judged. */
    public boolean isLate(Instant ts) {
        return newest != null && !ts.isAfter(newest);
    }

    /** What a reading changed. */
    enum Change {
        /** Nothing: not raised, or raised and not (yet) clear. */
        NONE,
        /** Newly raised, or raised to a more serious severity. */
        RAISED,
        /** Raised again at the held severity. */
        REPEATED,
        /** Was raised and has now been clear for the hold time. */
        CLEARED
    }

    /**
     * The result of one reading.
     *
     * @param clearedAfter for {@link Change#CLEARED}: how long the readings had been clear
     */
    record Step(Latch next, Change change, Duration clearedAfter) {

        /**
         * The decision this step calls for: a raise (a repeat when the severity held), a clear, or none.
         *
         * @param raise why it is raised, asked only when it is
         * @param clear why it cleared, given how long it had been clear; asked only when it did
         */
        Decision decision(String deviceId, AlertKind kind, Double value, Instant at, Supplier<Reason> raise,
                Function<Duration, Reason> clear) {
            return switch (change) {
                case RAISED, REPEATED -> new Decision.Raise(deviceId, kind, next.raised(), value, raise.get(), at,
                        change == Change.REPEATED);
                case CLEARED -> new Decision.Clear(deviceId, kind, value, clear.apply(clearedAfter), at);
                case NONE -> Decision.NONE;
            };
        }
    }

    /**
     * Judges one reading.
     *
     * @param condition the severity the reading alone calls for, null when it calls for none
     * @param clearable whether the reading is clearly past the condition (only consulted when {@code condition} is
     *     null)
     * @param hold how long readings must stay clearable before the latch clears; zero clears on the first one
     */
    Step advance(Instant ts, Severity condition, boolean clearable, Duration hold) {
        boolean late = isLate(ts);
        Instant newestNow = late ? newest : ts;
        if (condition != null) {
            Severity held = Severity.max(raised, condition);
            // a late reading does not say the condition still holds now, so it leaves a running hold alone
            Instant since = late ? clearingSince : null;
            Change change = held == raised ? Change.REPEATED : Change.RAISED;
            return new Step(new Latch(held, newestNow, since), change, null);
        }
        if (!isRaised() || late) {
            return new Step(new Latch(raised, newestNow, clearingSince), Change.NONE, null);
        }
        if (!clearable) {
            return new Step(new Latch(raised, ts, null), Change.NONE, null);
        }
        Instant since = clearingSince == null ? ts : clearingSince;
        Duration clearFor = Duration.between(since, ts);
        if (clearFor.compareTo(hold) >= 0) {
            return new Step(new Latch(null, ts, null), Change.CLEARED, clearFor);
        }
        return new Step(new Latch(raised, ts, since), Change.NONE, null);
    }
}
