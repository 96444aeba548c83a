package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Offline: a device not heard from for {@link RuleSettings#offlineAfter()} times its usual interval is
 * {@link Severity#MINOR}; its next reading clears it. Two inputs:
 * <ul>
 * <li>{@link #apply} (each reading) notes when the device was heard from, by the server's {@code receivedAt},
 *     and learns its usual interval from the gaps between its own timestamps (so a backlog uploaded in a burst
 *     still shows the device's real cadence). Late readings prove the device alive but teach no interval.
 * <li>{@link #onTick} (a clock tick, server time) raises once when the deadline has passed; further ticks say
 *     nothing until the device is back.
 * </ul>
 * The usual interval is {@link RuleSettings#offlineDefaultInterval()} until a gap is seen, then the largest of
 * that default and the gaps seen until {@value #MIN_SAMPLES} are known (so a gauge that reports every 15 minutes
 * is not declared offline while its cadence is learned), then the median of the last {@value #LEARNED_INTERVALS}
 * gaps (one long gap does not move it). It is never taken shorter than {@link RuleSettings#offlineMinInterval()}.
 * A device never heard from since its state was created cannot be judged; after a restart without saved state,
 * {@link OfflineState#restore} rebuilds one from stored reading times. A device whose cadence changes for good
 * (a firmware that saves power) may be declared offline a few times until the median follows it.
 *
 * <p>Stateless apart from its settings: thread-safe. The per-device state is an {@link OfflineState}.
 */
public final class OfflineDetector extends KindDetector<OfflineState> {

    /** How many recent gaps the usual interval is learned from. */
    public static final int LEARNED_INTERVALS = 16;
    /** How many gaps must be known before their median is trusted. */
    public static final int MIN_SAMPLES = 3;

    private final RuleSettings settings;

    /**
     * Judges every kind. Raised at a restart: offline, never heard from since; {@link RuleEngine#restore} restores it
     * with the times it knows.
     */
    public OfflineDetector(RuleSettings settings) {
        super("offline", AlertKind.OFFLINE, null, OfflineState.INITIAL, open -> new OfflineState(null, null, List.of(),
                true));
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Notes a reading; clears when the device had been declared offline. */
    @Override
    public Outcome<OfflineState> apply(OfflineState state, Device device, Reading reading) {
        Instant ts = reading.ts();
        // readings built without a receipt time (replays, tests) are taken as received when measured
        Instant received = reading.receivedAt() != null ? reading.receivedAt() : ts;
        Instant heard = state.lastHeard() == null || received.isAfter(state.lastHeard()) ? received
                : state.lastHeard();
        boolean late = state.newest() != null && !ts.isAfter(state.newest());
        Instant newest = late ? state.newest() : ts;
        List<Duration> intervals = state.intervals();
        // the gap across an outage is learned too: the median shrugs off one long gap, and a device that only
        // reports every 15 minutes must not stay "offline" after every reading while its cadence is unknown
        if (!late && state.newest() != null) {
            intervals = learn(intervals, Duration.between(state.newest(), ts));
        }
        OfflineState next = new OfflineState(heard, newest, intervals, false);
        if (!state.offline()) {
            return Outcome.quiet(next);
        }
        Duration silence = state.lastHeard() == null ? Duration.ZERO : Duration.between(state.lastHeard(), received);
        return new Outcome<>(next, new Decision.Clear(reading.deviceId(), AlertKind.OFFLINE,
                (double) silence.toSeconds(), Reason.code("offline.heard_again").with("silence_s", silence.toSeconds())
                        .text("heard from again after " + silence.toSeconds() + " s of silence"), ts));
    }

    /** Judges the silence at {@code now} (server clock); raises once when the deadline has passed. */
    public Outcome<OfflineState> onTick(OfflineState state, String deviceId, Instant now) {
        Optional<Instant> deadline = deadline(state);
        if (deadline.isEmpty() || now.isBefore(deadline.get())) {
            return Outcome.quiet(state);
        }
        Duration silence = Duration.between(state.lastHeard(), now);
        OfflineState next = new OfflineState(state.lastHeard(), state.newest(), state.intervals(), true);
        Reason reason = Reason.code("offline.silent").with("silence_s", silence.toSeconds())
                .with("multiple", settings.offlineAfter()).with("interval_s", usualInterval(state).toSeconds())
                .text(String.format(Locale.ROOT, "no reading for %d s, %s times its usual interval of %d s",
                        silence.toSeconds(), trim(settings.offlineAfter()), usualInterval(state).toSeconds()));
        return new Outcome<>(next, new Decision.Raise(deviceId, AlertKind.OFFLINE, Severity.MINOR,
                (double) silence.toSeconds(), reason, now, false));
    }

    /**
     * When the device will count as offline if nothing arrives: for the caller's timer. Empty when it was never
     * heard from or is offline already.
     */
    public Optional<Instant> deadline(OfflineState state) {
        if (state.lastHeard() == null || state.offline()) {
            return Optional.empty();
        }
        long millis = Math.round(usualInterval(state).toMillis() * settings.offlineAfter());
        return Optional.of(state.lastHeard().plusMillis(millis));
    }

    /** The interval the device normally reports at, as far as it is known. */
    public Duration usualInterval(OfflineState state) {
        List<Duration> gaps = state.intervals();
        Duration usual;
        if (gaps.size() < MIN_SAMPLES) {
            usual = settings.offlineDefaultInterval();
            for (Duration gap : gaps) {
                usual = max(usual, gap);
            }
        } else {
            List<Duration> sorted = new ArrayList<>(gaps);
            sorted.sort(null);
            int mid = sorted.size() / 2;
            usual = sorted.size() % 2 == 1 ? sorted.get(mid)
                    : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
        }
        return max(usual, settings.offlineMinInterval());
    }

    private static List<Duration> learn(List<Duration> intervals, Duration gap) {
        List<Duration> next = new ArrayList<>(intervals.size() + 1);
        next.addAll(intervals);
        next.add(gap);
        return next.size() > LEARNED_INTERVALS ? next.subList(next.size() - LEARNED_INTERVALS, next.size()) : next;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String trim(double multiple) {
        return multiple == Math.rint(multiple) ? Long.toString((long) multiple) : Double.toString(multiple);
    }
}
