package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.SensorKind;
import java.time.Instant;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the reading decoder through its public entry point, as the MQTT endpoint calls
 * it: any payload from a device of any kind gives a reading of that device or the project's refusal
 * ({@link RejectedReading}), never another exception. A few seconds in {@code mvn verify} from
 * {@code ReadingDecoderFuzzTestInputs} (plain payloads: the last byte picks the kind); longer by hand
 * (docs/operations.md).
 */
class ReadingDecoderFuzzTest {

    private static final ReadingDecoder DECODER = new ReadingDecoder();
    private static final Instant RECEIVED = Instant.parse("2025-12-03T08:00:00Z");
    private static final List<Device> DEVICES = List.of(KindRegistry.SMOKE, KindRegistry.WATER_LEVEL,
            KindRegistry.GAS, KindRegistry.HEAT).stream().map(ReadingDecoderFuzzTest::device).toList();

    @FuzzTest(maxDuration = "5s")
    void anyPayloadGivesAReadingOrARefusal(FuzzedDataProvider data) {
        Device device = data.pickValue(DEVICES);
        byte[] payload = data.consumeRemainingAsBytes();
        try {
            Reading reading = DECODER.decode(payload, device, RECEIVED);
            assertThat(reading.deviceId()).isEqualTo(device.id());
        } catch (RejectedReading refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static Device device(SensorKind kind) {
        return new Device("fuzz-" + kind.id(), kind, "fuzz", 113.93, 22.75, "GM-cell-0042", null, Instant.EPOCH);
    }
}
