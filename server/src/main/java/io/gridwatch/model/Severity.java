package io.gridwatch.model;

import java.util.Optional;

/**
 * How serious an alert is. Declared from the least to the most serious, so that {@link #compareTo} orders by
 * seriousness ({@code MINOR < MAJOR < CRITICAL}) and {@link #max} picks the worse of two.
 */
public enum Severity {
    MINOR("minor", new Label("一般", "minor")),
    MAJOR("major", new Label("重要", "major")),
    CRITICAL("critical", new Label("紧急", "critical"));

    private final String id;
    private final Label label;

    Severity(String id, Label label) {
        this.id = id;
        this.label = label;
    }

    /** What the pages call it. */
    public Label label() {
        return label;
    }

    /** The id used in the API and the database ({@code "critical"}, {@code "major"}, {@code "minor"}). */
    public String id() {
        return id;
    }

    /** Whether this is at least as serious as {@code other}. */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The more serious of the two; null counts as "no severity", so the other one wins. */
    public static Severity max(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAtLeast(b) ? a : b;
    }

    public static Optional<Severity> fromId(String id) {
        for (Severity severity : values()) {
            if (severity.id.equals(id)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
