package io.gridwatch.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why an alert was raised or cleared, as a stable code plus the values it speaks of, so that pages can say it in the
 * reader's language; {@code text} is the same in English, for logs, the audit trail and older clients. The alert
 * JSON shows them as {@code reason}, {@code reason_code} and {@code reason_values}. Codes and their values are listed
 * in docs/architecture.md ("Alert reasons"). Immutable.
 *
 * @param code a dotted lower-case code: {@code <alert kind>.<what>} ({@code "gas.over_danger"})
 * @param values what the code speaks of, numbers, strings or booleans by snake_case name (unit in the name where it
 *     has one: {@code lel}, {@code line}, {@code after_s}); iteration order is insertion order
 * @param text the English sentence
 */
public record Reason(String code, Map<String, Object> values, String text) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A reason with no values. */
    public static Reason of(String code, String text) {
        return new Reason(code, Map.of(), text);
    }

    /** Starts a reason: {@code Reason.code("gas.alarm").with("lel", 3.0).text("...")}. */
    public static Builder code(String code) {
        return new Builder(code);
    }

    /** Collects values in order; a null value is left out. */
    public static final class Builder {
        private final String code;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(String code) {
            this.code = Objects.requireNonNull(code, "code");
        }

        public Builder with(String name, Object value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        public Reason text(String text) {
            return new Reason(code, values, text);
        }
    }
}
