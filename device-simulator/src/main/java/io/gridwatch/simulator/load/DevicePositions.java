package io.gridwatch.simulator.load;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.List;
import org.locationtech.jts.geom.Point;

/**
 * Where load devices stand: device {@code i} at an interior point of cell {@code i mod cells} of the bundled
 * Guangming grid, so that every registration finds a cell and the load is spread over the whole grid. Immutable.
 */
public final class DevicePositions {

    /**
     * A WGS84 position.
     *
     * @param lon longitude, degrees
     * @param lat latitude, degrees
     */
    public record LonLat(double lon, double lat) {
    }

    private final List<LonLat> points;

    private DevicePositions(List<LonLat> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no positions");
        }
        this.points = List.copyOf(points);
    }

    /** One interior point per cell of the bundled grid. */
    public static DevicePositions bundledGrid() {
        List<LonLat> points = BundledGrid.guangming().units(Level.CELL).stream()
                .map(GridUnit::geometry)
                .map(g -> g.getInteriorPoint())
                .map((Point p) -> new LonLat(p.getX(), p.getY()))
                .toList();
        return new DevicePositions(points);
    }

    /** The position of device number {@code index}. */
    public LonLat of(int index) {
        return points.get(Math.floorMod(index, points.size()));
    }
}
