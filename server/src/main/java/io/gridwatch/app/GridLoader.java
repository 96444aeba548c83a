package io.gridwatch.app;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.io.GridFile;
import io.gridwatch.geo.io.GridGeoJson;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridException;
import io.gridwatch.geo.model.Level;
import io.gridwatch.geo.validate.GridValidator;
import io.gridwatch.geo.validate.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the grid the server runs on (a file, or the bundled one) and refuses an unusable one. Blocking. */
final class GridLoader {

    private static final Logger LOG = LoggerFactory.getLogger(GridLoader.class);

    private GridLoader() {
    }

    /** Reads, validates and indexes the grid; call it on a worker thread. */
    static GridLocator load(Optional<Path> file) {
        Grid grid;
        if (file.isEmpty()) {
            grid = BundledGrid.guangming();
        } else {
            GridFile read = GridGeoJson.readFile(file.get());
            ValidationReport report = new GridValidator().validate(read);
            if (!report.usable()) {
                throw new GridException(file.get() + " is unusable (" + report.summary()
                        + "); run 'gridwatch grid validate " + file.get() + "' for the details");
            }
            if (!report.slivers().isEmpty()) {
                LOG.warn("grid has rounding slivers, accepted [file: {}, slivers: {}, widest: {} m]", file.get(),
                        report.slivers().size(), report.slivers().stream()
                                .mapToDouble(s -> s.widthM().orElse(0)).max().orElse(0));
            }
            grid = read.toGrid();
        }
        GridLocator locator = GridLocator.of(grid);
        LOG.info("grid loaded [source: {}, cells: {}, crs: {}]", file.map(Path::toString).orElse("bundled Guangming"),
                grid.units(Level.CELL).size(), grid.crs());
        return locator;
    }
}
