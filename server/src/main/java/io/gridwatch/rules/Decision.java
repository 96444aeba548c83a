package io.gridwatch.rules;

import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * What a rule concluded from one reading (or one clock tick) about one (device, alert kind): {@link Raise},
 * {@link Clear} or {@link #NONE}. A decision says nothing about alerts in the database: the alert lifecycle turns a
 * raise into "opened" or "updated" and a clear into "cleared" or "resolved", because only it knows what is open
 * (after a restart the rules' state may be younger than the open alerts).
 *
 * <p>Decisions are immutable values, safe to hand to any thread.
 */
public sealed interface Decision permits Decision.Raise, Decision.Clear, Decision.None {

    /** Nothing to report: the condition did not start, change or end. */
    Decision NONE = None.INSTANCE;

    /**
     * The condition holds. Open an alert for (device, kind), or update the open one: count one more, keep
     * {@code value} as the last value, and take {@code severity} if it is more serious. Within one episode a rule
     * never lowers the severity it raised: an alert is as serious as the worst that was seen until it clears.
     *
     * @param value the measured value that raised it (obscuration %/m, level m, battery %, seconds of silence);
     *     null when the reading carried none
     * @param reason why, as a code with values for the pages and an English text for the audit trail
     * @param at when: the reading's own timestamp, or the tick's time for {@link AlertKind#OFFLINE}
     * @param repeat true when this rule had already raised this episode at this severity, so only the count and
     *     the last value change; the lifecycle may update quietly instead of notifying people again
     */
    record Raise(String deviceId, AlertKind kind, Severity severity, Double value, Reason reason, Instant at,
            boolean repeat) implements Decision {

        public Raise {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The condition is over (after any hysteresis the rule applies). The lifecycle marks the open alert cleared.
     * Whether it also resolves it on its own is the lifecycle's policy; the suggested one: resolve
     * {@link AlertKind#OFFLINE} and {@link AlertKind#BATTERY} automatically, but keep {@link AlertKind#SMOKE} and
     * {@link AlertKind#WATER_LEVEL} open until a person resolves them, because smoke that stopped is not a fire
     * that was checked.
     *
     * @param value the measured value that cleared it, null when the reading carried none
     * @param reason why it cleared
     * @param at when: the reading's own timestamp
     */
    record Clear(String deviceId, AlertKind kind, Double value, Reason reason, Instant at) implements Decision {

        public Clear {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The type of {@link #NONE}, its only value. */
    enum None implements Decision {
        INSTANCE
    }
}
