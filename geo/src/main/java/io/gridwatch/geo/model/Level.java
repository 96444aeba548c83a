package io.gridwatch.geo.model;

import java.util.Optional;

/**
 * The five levels of grid-based governance, from the whole district down to the cell a grid
 * worker answers for. The order of the constants is the order of the hierarchy.
 */
public enum Level {
    DISTRICT("district"),
    SUBDISTRICT("subdistrict"),
    COMMUNITY("community"),
    SECTOR("sector"),
    CELL("cell");

    private static final Level[] LEVELS = values();

    private final String id;

    Level(String id) {
        this.id = id;
    }

    /** The English id used in files and APIs ({@code "district"}, {@code "cell"}, …). */
    public String id() {
        return id;
    }

    /** The level directly above, empty for the district. */
    public Optional<Level> parent() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(LEVELS[ordinal() - 1]);
    }

    /** The level directly below, empty for the cell. */
    public Optional<Level> child() {
        return ordinal() == LEVELS.length - 1 ? Optional.empty() : Optional.of(LEVELS[ordinal() + 1]);
    }

    /** The level with this English id, empty when there is none. */
    public static Optional<Level> fromId(String id) {
        for (Level level : LEVELS) {
            if (level.id.equals(id)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
