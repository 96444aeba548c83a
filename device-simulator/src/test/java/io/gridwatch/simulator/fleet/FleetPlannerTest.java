package io.gridwatch.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class FleetPlannerTest {

    private static final Grid GRID = BundledGrid.guangming();
    private static final Fleet FLEET = new FleetPlanner(GRID).plan(1, 2_000, 150, "sim-");

    @Test
    void everyCellGetsADetectorAndSmallCellsGetTheExtraOnes() {
        Map<String, Long> perCell = FLEET.of(DeviceKind.SMOKE).stream()
                .collect(Collectors.groupingBy(FleetDevice::cell, Collectors.counting()));
        var cells = GRID.units(Level.CELL).stream().sorted(Comparator.comparingDouble(c -> c.geometry().getArea())).toList();

        assertThat(FLEET.count(DeviceKind.SMOKE)).isEqualTo(2_000);
        assertThat(perCell).hasSize(cells.size());
        double smallHalf = cells.subList(0, cells.size() / 2).stream().mapToLong(c -> perCell.get(c.id())).sum();
        double largeHalf = cells.subList(cells.size() / 2, cells.size()).stream().mapToLong(c -> perCell.get(c.id())).sum();
        assertThat(smallHalf).isGreaterThan(largeHalf);
    }

    @Test
    void everyDeviceStandsInsideItsCell() {
        GeometryFactory factory = new GeometryFactory();
        for (FleetDevice device : FLEET.devices()) {
            GridUnit cell = GRID.unit(device.cell()).orElseThrow();
            assertThat(cell.geometry().contains(factory.createPoint(new Coordinate(device.lon(), device.lat()))))
                    .as(device.id()).isTrue();
        }
    }

    @Test
    void gaugesStandOnePerCellInTheSouthWithWarnBelowDanger() {
        var gauges = FLEET.of(DeviceKind.WATER_LEVEL);
        double medianLat = GRID.units(Level.CELL).stream().mapToDouble(c -> c.geometry().getInteriorPoint().getY())
                .sorted().skip(GRID.units(Level.CELL).size() / 2).findFirst().orElseThrow();

        assertThat(gauges).hasSize(150);
        assertThat(gauges.stream().map(FleetDevice::cell).distinct()).hasSize(150);
        assertThat(gauges).allSatisfy(g -> {
            assertThat(g.lat()).isLessThan(medianLat);
            assertThat(g.warn()).isBetween(1.8, 2.5);
            assertThat(g.danger() - g.warn()).isBetween(0.55, 1.05);
            assertThat(g.id()).matches("sim-water-\\d{3}");
        });
    }

    @Test
    void theSameSeedPlansTheSameFleetAndAnotherSeedAnother() {
        assertThat(new FleetPlanner(GRID).plan(1, 2_000, 150, "sim-")).isEqualTo(FLEET);
        assertThat(new FleetPlanner(GRID).plan(2, 2_000, 150, "sim-").devices()).isNotEqualTo(FLEET.devices());
        assertThat(FLEET.signature()).isEqualTo("seed=1 smoke=2000 water=150 prefix=sim-");
    }

    @Test
    void apportionmentSharesEveryItemInProportion() {
        assertThat(Apportionment.of(10, new double[] {1, 1, 2}, false)).containsExactly(3, 2, 5);
        assertThat(Apportionment.of(5, new double[] {1, 100, 1}, true)).containsExactly(1, 3, 1);
    }

    @Test
    void aCellsNeighboursTouchIt() {
        GridUnit cell = GRID.units(Level.CELL).get(100);
        var neighbours = CellNeighbours.of(GRID, cell.id());

        assertThat(neighbours).isNotEmpty().doesNotContain(cell.id());
        assertThat(neighbours).allSatisfy(id -> assertThat(GRID.unit(id).orElseThrow().geometry()
                .intersects(cell.geometry())).isTrue());
    }
}
