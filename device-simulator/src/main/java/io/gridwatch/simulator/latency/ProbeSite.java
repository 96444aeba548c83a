package io.gridwatch.simulator.latency;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.List;
import org.locationtech.jts.geom.Point;

/** Where the probe's detectors stand: a point inside one cell of the bundled Guangming grid (the server's default). */
record ProbeSite(String cellId, double lon, double lat) {

    static ProbeSite cell(int index) {
        List<GridUnit> cells = BundledGrid.guangming().units(Level.CELL);
        if (index < 0 || index >= cells.size()) {
            throw new IllegalArgumentException("--cell-index must be 0.." + (cells.size() - 1));
        }
        GridUnit cell = cells.get(index);
        Point inside = cell.geometry().getInteriorPoint();
        return new ProbeSite(cell.id(), inside.getX(), inside.getY());
    }
}
