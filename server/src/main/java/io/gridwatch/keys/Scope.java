package io.gridwatch.keys;

import java.util.Optional;

/** What a key lets another system do. */
public enum Scope {
    /** Open311 GeoReport v2: post service requests. */
    OPEN311("open311"),
    /** Hand incidents over ({@code POST /api/incidents}). */
    INCIDENTS("incidents");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Scope> fromId(String id) {
        for (Scope scope : values()) {
            if (scope.id.equals(id)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
