package io.gridwatch.report;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A cell and the cells that touch it (within about a metre, so that slivers between neighbours do
 * not matter): where a report may find an alert to join. Worked out per cell on first use and kept.
 *
 * <p>Blocking (geometry work): call it on a worker thread. Thread-safe: the index is built in the
 * constructor and only queried; the cache is concurrent.
 */
public final class CellNeighbours {

    /** About a metre, in degrees. */
    private static final double TOUCH_DEGREES = 1e-5;

    private final Grid grid;
    private final STRtree index = new STRtree();
    private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();

    public CellNeighbours(Grid grid) {
        this.grid = grid;
        for (GridUnit cell : grid.units(Level.CELL)) {
            index.insert(cell.geometry().getEnvelopeInternal(), cell);
        }
        index.build();
    }

    /** The cell itself and every cell touching it; just the cell for an unknown id. */
    public Set<String> around(String cellId) {
        return cache.computeIfAbsent(cellId, this::compute);
    }

    private Set<String> compute(String cellId) {
        Set<String> cells = new HashSet<>();
        cells.add(cellId);
        grid.unit(cellId).ifPresent(cell -> {
            Envelope search = new Envelope(cell.geometry().getEnvelopeInternal());
            search.expandBy(TOUCH_DEGREES);
            @SuppressWarnings("unchecked")
            List<GridUnit> candidates = index.query(search);
            for (GridUnit other : candidates) {
                if (other.geometry().isWithinDistance(cell.geometry(), TOUCH_DEGREES)) {
                    cells.add(other.id());
                }
            }
        });
        return Set.copyOf(cells);
    }
}
