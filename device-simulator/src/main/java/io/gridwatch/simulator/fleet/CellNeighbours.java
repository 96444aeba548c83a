package io.gridwatch.simulator.fleet;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.List;

/** The cells that share an edge or a corner with a given cell (where a fire spreads next). Stateless. */
public final class CellNeighbours {

    private CellNeighbours() {
    }

    /** The neighbours of {@code cellId} in {@code grid}, ordered by id; empty for an unknown cell. */
    public static List<String> of(Grid grid, String cellId) {
        return grid.unit(cellId).map(cell -> grid.units(Level.CELL).stream()
                .filter(other -> !other.id().equals(cellId))
                .filter(other -> other.geometry().getEnvelopeInternal().intersects(cell.geometry().getEnvelopeInternal()))
                .filter(other -> other.geometry().intersects(cell.geometry()))
                .map(GridUnit::id)
                .sorted()
                .toList()).orElse(List.of());
    }
}
