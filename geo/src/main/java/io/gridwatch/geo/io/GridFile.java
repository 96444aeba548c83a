package io.gridwatch.geo.io;

import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import java.util.List;

/**
 * The features of a grid file as read, in file order, before they are linked into a {@link Grid}.
 * The validator works on this form so that it can report every defect, not only the first.
 */
public record GridFile(Crs crs, List<GridUnit> units) {

    public GridFile {
        units = List.copyOf(units);
    }

    /** Links the units into a grid; see {@link Grid#of}. */
    public Grid toGrid() {
        return Grid.of(crs, units);
    }
}
