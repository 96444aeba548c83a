package io.gridwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Cases and their notifications: the default due time per severity ({@code GRIDWATCH_CASE_DUE}) and the longest
 * back-off between two delivery attempts of a notification ({@code GRIDWATCH_NOTIFY_MAX_BACKOFF}, default
 * {@code PT5M}). Immutable.
 */
public record CaseConfig(CaseDue due, Duration notifyMaxBackoff) {

    public static final CaseConfig DEFAULTS = new CaseConfig(CaseDue.DEFAULTS, Duration.ofMinutes(5));

    static CaseConfig fromEnv(Env env) {
        CaseDue due = env.text(CaseDue.VARIABLE).map(CaseDue::parse).orElse(CaseDue.DEFAULTS);
        Duration backoff = env.text("GRIDWATCH_NOTIFY_MAX_BACKOFF").map(CaseConfig::duration)
                .orElse(DEFAULTS.notifyMaxBackoff());
        return new CaseConfig(due, backoff);
    }

    private static Duration duration(String text) {
        try {
            Duration value = Duration.parse(text.trim());
            if (value.isNegative() || value.isZero()) {
                throw new ConfigException("GRIDWATCH_NOTIFY_MAX_BACKOFF must be positive, not " + text);
            }
            return value;
        } catch (DateTimeParseException e) {
            throw new ConfigException("GRIDWATCH_NOTIFY_MAX_BACKOFF: \"" + text
                    + "\" is not an ISO-8601 duration (e.g. PT5M)");
        }
    }
}
