package io.gridwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.fleet.Fleet;
import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.fleet.FleetPlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPlanTest {

    private static final Grid GRID = BundledGrid.guangming();
    private static final Fleet FLEET = new FleetPlanner(GRID).plan(1, 2_000, 150, "sim-");

    @Test
    void theFireCellsDetectorsAlarmAboutAMinuteAfterTheOutbreakAndTheNeighboursLater() {
        // given a fire at +90 s
        ScenarioPlan plan = ScenarioPlan.of(FLEET, GRID, Incidents.NONE.withFireAt(Duration.ofSeconds(90)), null);
        List<SimulatedSensor> sensors = Sensors.of(FLEET, plan, SensorSettings.DEFAULTS.withFailures(0, 0));
        String fireCell = plan.fireCell().orElseThrow();

        // then the fire cell's detectors are quiet before, in alarm three minutes after the outbreak
        List<SmokeDetector> inCell = detectors(sensors, d -> d.cell().equals(fireCell));
        assertThat(inCell).isNotEmpty().allSatisfy(d -> {
            assertThat(d.obscuration(89)).isLessThan(4.0);
            assertThat(d.obscuration(90 + 100)).isGreaterThanOrEqualTo(4.0);
            assertThat(d.payload(190, 0, 1)).contains("\"alarm\":true");
            assertThat(d.intervalAfter(190)).isEqualTo(Duration.ofSeconds(10));
        });
        // and the neighbouring cells' only after the spread delay
        List<SmokeDetector> next = detectors(sensors, d -> plan.spreadCells().contains(d.cell()));
        assertThat(next).isNotEmpty().allSatisfy(d -> {
            assertThat(d.obscuration(90 + 150)).isLessThan(4.0);
            assertThat(d.obscuration(90 + ScenarioPlan.SPREAD_DELAY_S + 60 + 70)).isGreaterThanOrEqualTo(4.0);
        });
    }

    @Test
    void aFlashFloodCarriesAClusterOfGaugesOverDangerWithinFifteenMinutes() {
        ScenarioPlan plan = ScenarioPlan.of(FLEET, GRID, Incidents.NONE.withFloodAt(Duration.ofSeconds(150)), null);
        List<SimulatedSensor> sensors = Sensors.of(FLEET, plan, SensorSettings.DEFAULTS);

        assertThat(plan.floodGauges()).hasSize(15);
        for (SimulatedSensor sensor : sensors) {
            if (sensor instanceof WaterGauge gauge) {
                FleetDevice d = gauge.device();
                boolean flooded = plan.floodGauges().contains(d.id());
                assertThat(gauge.level(149)).isLessThan(d.warn());
                assertThat(gauge.level(150 + 15 * 60) > d.danger()).as(d.id()).isEqualTo(flooded);
            }
        }
    }

    @Test
    void aStormRaisesEveryGaugeAcrossWarnAndDanger() {
        ScenarioPlan plan = ScenarioPlan.of(FLEET, GRID, Scenario.STORM.incidents(), null);
        List<SimulatedSensor> sensors = Sensors.of(FLEET, plan, SensorSettings.DEFAULTS);

        assertThat(sensors).filteredOn(s -> s instanceof WaterGauge).hasSize(150).allSatisfy(s -> {
            WaterGauge gauge = (WaterGauge) s;
            assertThat(gauge.level(59)).isLessThan(gauge.device().warn());
            assertThat(gauge.level(60 + 600 + 1_800 + 60)).isGreaterThan(gauge.device().danger());
        });
    }

    @Test
    void theNormalScenarioHasNoIncidentAndNoAlarm() {
        ScenarioPlan plan = ScenarioPlan.of(FLEET, GRID, Scenario.NORMAL.incidents(), null);
        List<SimulatedSensor> sensors = Sensors.of(FLEET, plan, SensorSettings.DEFAULTS);

        assertThat(plan.fireCell()).isEmpty();
        assertThat(plan.floodGauges()).isEmpty();
        for (double t = 0; t < 3_600; t += 300) {
            double at = t;
            assertThat(sensors).allSatisfy(s -> assertThat(s.payload(at, 0, 0)).doesNotContain("\"alarm\":true"));
        }
    }

    @Test
    void scenariosParseByName() {
        assertThat(Scenario.parse(" Flood ")).isEqualTo(Scenario.FLOOD);
        assertThat(Scenario.FIRE.incidents().fireAt()).isEqualTo(Duration.ofSeconds(60));
    }

    private static List<SmokeDetector> detectors(List<SimulatedSensor> sensors,
            java.util.function.Predicate<FleetDevice> where) {
        return sensors.stream().filter(s -> s.device().kind() == DeviceKind.SMOKE && where.test(s.device()))
                .map(SmokeDetector.class::cast).toList();
    }
}
