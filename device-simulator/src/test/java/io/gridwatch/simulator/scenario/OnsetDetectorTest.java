package io.gridwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.fleet.FleetDevice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OnsetDetectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SensorSettings SETTINGS = SensorSettings.DEFAULTS.withFailures(0, 0);

    @Test
    void aGasDetectorReportsLelAndRaisesItsOwnAlarmOnlyOnceTheLeakHasReachedIt() {
        FleetDevice device = new FleetDevice(3, "sim-gas-003", DeviceKind.GAS, 113.9, 22.7, "c", null, null);
        OnsetDetector detector = OnsetDetector.gas(device, 1, 100, SETTINGS);

        JsonNode before = json(detector.payload(50, 1_000, 1));
        JsonNode after = json(detector.payload(100 + 600, 2_000, 2));

        assertThat(names(before)).containsExactlyInAnyOrder("ts", "seq", "lel", "alarm", "battery");
        assertThat(before.get("alarm").asBoolean()).isFalse();
        assertThat(after.get("lel").asDouble()).isGreaterThanOrEqualTo(OnsetDetector.GAS_OWN_ALARM_LEL);
        assertThat(after.get("alarm").asBoolean()).isTrue();
        assertThat(detector.intervalAfter(50)).isEqualTo(SETTINGS.smokeInterval());
        assertThat(detector.intervalAfter(100)).isEqualTo(SETTINGS.alarmInterval());
    }

    @Test
    void aHeatDetectorReportsTempCAndRaisesItsOwnAlarmAtItsFixedPoint() {
        FleetDevice device = new FleetDevice(4, "sim-heat-004", DeviceKind.HEAT, 113.9, 22.7, "c", null, null);
        OnsetDetector detector = OnsetDetector.heat(device, 1, 100, SETTINGS);

        JsonNode before = json(detector.payload(50, 1_000, 1));
        JsonNode after = json(detector.payload(100 + 600, 2_000, 2));

        assertThat(names(before)).containsExactlyInAnyOrder("ts", "seq", "temp_c", "alarm", "battery");
        assertThat(before.get("alarm").asBoolean()).isFalse();
        assertThat(after.get("alarm").asBoolean()).isEqualTo(after.get("temp_c").asDouble() >= OnsetDetector.HEAT_OWN_ALARM_C);
        assertThat(after.get("temp_c").asDouble()).isGreaterThan(before.get("temp_c").asDouble());
    }

    @Test
    void aDetectorNoIncidentReachesKeepsItsQuietInterval() {
        FleetDevice device = new FleetDevice(5, "sim-gas-005", DeviceKind.GAS, 113.9, 22.7, "c", null, null);
        OnsetDetector detector = OnsetDetector.gas(device, 1, Double.NaN, SETTINGS);

        assertThat(detector.intervalAfter(10_000)).isEqualTo(SETTINGS.smokeInterval());
        assertThat(json(detector.payload(10_000, 1, 1)).get("alarm").asBoolean()).isFalse();
    }

    private static JsonNode json(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + payload, e);
        }
    }

    private static List<String> names(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
