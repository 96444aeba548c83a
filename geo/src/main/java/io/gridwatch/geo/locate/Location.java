package io.gridwatch.geo.locate;

import io.gridwatch.geo.model.GridPath;

/**
 * The answer to "which cell is this point in?".
 *
 * @param cell the cell id, {@code null} when {@code match} is {@link Match#OUTSIDE}
 * @param path the cell's path up to the district, {@code null} with the cell
 * @param match how the point was matched
 * @param distanceM metres from the point to the cell (0 inside or on its boundary); for
 *     {@code OUTSIDE}, to the nearest cell of the grid
 */
public record Location(String cell, GridPath path, Match match, double distanceM) {

    public boolean found() {
        return cell != null;
    }
}
