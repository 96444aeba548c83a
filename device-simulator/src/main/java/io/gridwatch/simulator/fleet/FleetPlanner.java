package io.gridwatch.simulator.fleet;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.simulator.signal.Noise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Places a fleet in a grid, deterministically per seed.
 * <ul>
 * <li>Smoke detectors: the cells share them in proportion to 1 / cell area (small cells are the dense
 *     neighbourhoods, so they get more detectors per km²), every cell getting at least one when there are at
 *     least as many detectors as cells ({@link Apportionment}); each stands at a seeded random point inside its
 *     cell.
 * <li>Water-level gauges: the grid has no elevation or rivers, so the southernmost cells stand in for the
 *     low-lying ones: the gauges go to a seeded choice among the {@code 2 × gauges} cells whose interior points lie
 *     furthest south, one per cell. Thresholds: warn 1.8–2.5 m, danger 0.6–1.0 m higher (to the decimetre).
 * <li>Gas detectors (restaurant kitchens) go where the smoke detectors are densest, in proportion to 1 / cell
 *     area like them; heat detectors (boiler rooms, stores) to seeded cells, several to a cell at most by chance.
 *     Both use their kind's default thresholds.
 * </ul>
 * Stateless; thread-safe.
 */
public final class FleetPlanner {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final int MAX_TRIES = 1_000;

    private final Grid grid;

    public FleetPlanner(Grid grid) {
        this.grid = grid;
    }

    /** The fleet of {@code smoke} detectors and {@code gauges} gauges for {@code seed}, ids starting {@code prefix}. */
    public Fleet plan(long seed, int smoke, int gauges, String prefix) {
        return plan(seed, smoke, gauges, 0, 0, prefix);
    }

    /** As {@link #plan(long, int, int, String)}, with {@code gas} gas detectors and {@code heat} heat detectors. */
    public Fleet plan(long seed, int smoke, int gauges, int gas, int heat, String prefix) {
        List<GridUnit> cells = grid.units(Level.CELL);
        if (gauges > cells.size()) {
            throw new IllegalArgumentException("at most one gauge per cell: " + gauges + " > " + cells.size());
        }
        List<FleetDevice> devices = new ArrayList<>(smoke + gauges);
        int[] perCell = Apportionment.of(smoke, cells.stream().mapToDouble(c -> 1 / c.geometry().getArea()).toArray(),
                smoke >= cells.size());
        for (int c = 0; c < cells.size(); c++) {
            for (int k = 0; k < perCell[c]; k++) {
                devices.add(device(seed, devices.size(), DeviceKind.SMOKE, devices.size(), smoke, prefix,
                        cells.get(c), null, null));
            }
        }
        int gauge = 0;
        for (GridUnit cell : lowLying(seed, cells, gauges)) {
            double warn = Math.round(Noise.between(1.8, 2.5, seed, gauge, 40) * 10) / 10.0;
            double danger = Math.round((warn + Noise.between(0.6, 1.0, seed, gauge, 41)) * 10) / 10.0;
            devices.add(device(seed, devices.size(), DeviceKind.WATER_LEVEL, gauge++, gauges, prefix, cell, warn,
                    danger));
        }
        int[] gasPerCell = Apportionment.of(gas, cells.stream().mapToDouble(c -> 1 / c.geometry().getArea())
                .toArray(), false);
        int number = 0;
        for (int c = 0; c < cells.size(); c++) {
            for (int k = 0; k < gasPerCell[c]; k++) {
                devices.add(device(seed, devices.size(), DeviceKind.GAS, number++, gas, prefix, cells.get(c), null,
                        null));
            }
        }
        for (int h = 0; h < heat; h++) {
            GridUnit cell = cells.get((int) (Noise.uniform(seed, h, 45) * cells.size()));
            devices.add(device(seed, devices.size(), DeviceKind.HEAT, h, heat, prefix, cell, null, null));
        }
        return new Fleet(seed, prefix, devices);
    }

    /** A seeded choice of {@code count} cells among the {@code 2 × count} southernmost, ordered by id. */
    private static List<GridUnit> lowLying(long seed, List<GridUnit> cells, int count) {
        List<GridUnit> south = cells.stream()
                .sorted(Comparator.comparingDouble((GridUnit c) -> c.geometry().getInteriorPoint().getY())
                        .thenComparing(GridUnit::id))
                .limit(Math.min(cells.size(), 2L * count))
                .toList();
        return south.stream()
                .sorted(Comparator.comparingDouble(c -> Noise.uniform(seed, c.id().hashCode(), 42)))
                .limit(count)
                .sorted(Comparator.comparing(GridUnit::id))
                .toList();
    }

    private static FleetDevice device(long seed, int index, DeviceKind kind, int number, int total, String prefix,
            GridUnit cell, Double warn, Double danger) {
        int width = Math.max(3, Integer.toString(Math.max(0, total - 1)).length());
        String id = prefix + kind.idPart() + "-" + String.format("%0" + width + "d", number);
        Point at = pointInside(cell.geometry(), seed, index);
        return new FleetDevice(index, id, kind, round(at.getX()), round(at.getY()), cell.id(), warn, danger);
    }

    /** A seeded uniform point strictly inside {@code area}; its interior point when sampling keeps missing. */
    private static Point pointInside(Geometry area, long seed, int index) {
        Envelope box = area.getEnvelopeInternal();
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            double lon = round(Noise.between(box.getMinX(), box.getMaxX(), seed, index, 43, attempt));
            double lat = round(Noise.between(box.getMinY(), box.getMaxY(), seed, index, 44, attempt));
            Point candidate = GEOMETRY.createPoint(new Coordinate(lon, lat));
            if (area.contains(candidate) && area.getBoundary().distance(candidate) > 1e-5) {
                return candidate;
            }
        }
        return area.getInteriorPoint();
    }

    /** Seven decimals: about 1 cm, more than any sensor's position is worth. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
