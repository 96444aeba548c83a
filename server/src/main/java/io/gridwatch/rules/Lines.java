package io.gridwatch.rules;

import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;

/** Judging a value against a pair of alert lines, both inclusive: the way gas and heat read their thresholds. */
final class Lines {

    private Lines() {
    }

    /** {@link Severity#CRITICAL} at or over {@code danger}, {@link Severity#MAJOR} at or over {@code warn}, else null. */
    static Severity severity(Thresholds lines, double value) {
        if (lines.danger() != null && value >= lines.danger()) {
            return Severity.CRITICAL;
        }
        if (lines.warn() != null && value >= lines.warn()) {
            return Severity.MAJOR;
        }
        return null;
    }

    /** The lowest line set; the kind's defaults guarantee there is one. */
    static double lowest(Thresholds lines) {
        if (lines.warn() != null) {
            return lines.warn();
        }
        if (lines.danger() != null) {
            return lines.danger();
        }
        throw new IllegalStateException("no alert line set");
    }
}
