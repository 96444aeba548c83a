package io.gridwatch.geo.locate;

import java.util.Locale;

/** How a point was matched to its cell. */
public enum Match {
    /** Strictly inside one cell. */
    INSIDE,
    /** On an edge or vertex of a cell; shared ones go to the cell whose id sorts first. */
    BOUNDARY,
    /** In no cell, but within the tolerance of one: the nearest cell. */
    NEAREST,
    /** Farther than the tolerance from every cell: no cell. */
    OUTSIDE;

    /** The lowercase id used in JSON ({@code "inside"}, …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
