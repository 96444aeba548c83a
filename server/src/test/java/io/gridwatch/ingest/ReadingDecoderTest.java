package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The payload contract of ARCHITECTURE 3.3, one accepted and one refused payload at a time. */
class ReadingDecoderTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-01T00:00:00Z");
    private static final long NOW = RECEIVED.toEpochMilli();
    private static final Device SMOKE = new Device("smoke-7", KindRegistry.SMOKE, "stairwell", 113.93, 22.75,
            "GM-cell-0042", null, Instant.EPOCH);
    private static final Device GAUGE = new Device("gauge-3", KindRegistry.WATER_LEVEL, "culvert", 113.95, 22.77,
            "GM-cell-0100", null, Instant.EPOCH);

    private final ReadingDecoder decoder = new ReadingDecoder();

    @Test
    void aSmokeReadingWithEpochMillisecondsBecomesAReadingOfItsDeviceAndCell() throws Exception {
        String payload = """
                {"ts": %d, "seq": 41, "obscuration": 3.5, "alarm": true, "battery": 87}""".formatted(NOW - 1000);

        Reading reading = decode(payload, SMOKE);

        assertThat(reading).isEqualTo(new Reading("smoke-7", "GM-cell-0042", KindRegistry.SMOKE,
                Instant.ofEpochMilli(NOW - 1000), 41, Measures.of(KindRegistry.SMOKE, "obscuration", 3.5, "alarm", true),
                87, RECEIVED));
    }

    @Test
    void aWaterLevelReadingWithAnIsoTimeAndOffsetIsReadInUtc() throws Exception {
        String payload = """
                {"ts": "2025-06-01T07:59:30.250+08:00", "seq": 0, "level": -1.25, "battery": 100}""";

        Reading reading = decode(payload, GAUGE);

        assertThat(reading.ts()).isEqualTo(Instant.parse("2025-05-31T23:59:30.250Z"));
        assertThat(reading.number("level")).isEqualTo(-1.25);
        assertThat(reading.number("obscuration")).isNull();
        assertThat(reading.alarm()).isNull();
        assertThat(reading.kind()).isEqualTo(KindRegistry.WATER_LEVEL);
    }

    @Test
    void batteryMayBeLeftOutOrNull() throws Exception {
        String without = """
                {"ts": %d, "seq": 1, "level": 2}""".formatted(NOW);
        String withNull = """
                {"ts": %d, "seq": 1, "level": 2, "battery": null}""".formatted(NOW);

        assertThat(decode(without, GAUGE).battery()).isNull();
        assertThat(decode(withNull, GAUGE).battery()).isNull();
    }

    @Test
    void wholeNumbersMayBeWrittenWithAZeroFraction() throws Exception {
        String payload = """
                {"ts": %d.0, "seq": 5.0, "obscuration": 0, "alarm": false, "battery": 87.0}""".formatted(NOW);

        Reading reading = decode(payload, SMOKE);

        assertThat(reading.seq()).isEqualTo(5);
        assertThat(reading.battery()).isEqualTo(87);
        assertThat(reading.ts()).isEqualTo(RECEIVED);
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() throws Exception {
        String low = """
                {"ts": %d, "seq": 0, "obscuration": 0, "alarm": false, "battery": 0}"""
                .formatted(NOW - Duration.ofDays(30).toMillis());
        String high = """
                {"ts": %d, "seq": 9223372036854775807, "obscuration": 100, "alarm": true, "battery": 100}"""
                .formatted(NOW + Duration.ofMinutes(10).toMillis());

        assertThat(decode(low, SMOKE).number("obscuration")).isZero();
        assertThat(decode(high, SMOKE).seq()).isEqualTo(Long.MAX_VALUE);
        assertThat(decode("""
                {"ts": %d, "seq": 1, "level": -50}""".formatted(NOW), GAUGE).number("level")).isEqualTo(-50);
        assertThat(decode("""
                {"ts": %d, "seq": 1, "level": 1000}""".formatted(NOW), GAUGE).number("level")).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                            | MALFORMED_JSON
            ''                                                                         | MALFORMED_JSON
            [1, 2]                                                                     | MALFORMED_JSON
            {"ts": NOW, "seq": 1                                                       | MALFORMED_JSON
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true} {}                  | MALFORMED_JSON
            {"ts": NOW, "seq": 1, "obscuration": NaN, "alarm": true}                   | MALFORMED_JSON
            {"ts": NOW, "seq": 1, "obscuration": 1}                                    | MISSING_FIELD
            {"seq": 1, "obscuration": 1, "alarm": true}                                | MISSING_FIELD
            {"ts": NOW, "seq": 1, "obscuration": null, "alarm": true}                  | MISSING_FIELD
            {"ts": NOW, "ts": NOW, "seq": 1, "obscuration": 1, "alarm": true}          | DUPLICATE_FIELD
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": "yes"}                    | BAD_TYPE
            {"ts": NOW, "seq": 1, "obscuration": "1", "alarm": true}                   | BAD_TYPE
            {"ts": NOW, "seq": 1.5, "obscuration": 1, "alarm": true}                   | BAD_TYPE
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "battery": 87.5}    | BAD_TYPE
            {"ts": NOW, "seq": 1, "obscuration": {"v": 1}, "alarm": true}              | BAD_TYPE
            {"ts": NOW, "seq": [1], "obscuration": 1, "alarm": true}                   | BAD_TYPE
            {"ts": "2025-06-01T08:00:00", "seq": 1, "obscuration": 1, "alarm": true}   | BAD_TYPE
            {"ts": "yesterday", "seq": 1, "obscuration": 1, "alarm": true}             | BAD_TYPE
            {"ts": true, "seq": 1, "obscuration": 1, "alarm": true}                    | BAD_TYPE
            {"ts": NOW, "seq": 1, "obscuration": 100.5, "alarm": true}                 | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": -0.1, "alarm": true}                  | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": 1e400, "alarm": true}                 | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "battery": 101}     | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "battery": -1}      | OUT_OF_RANGE
            {"ts": NOW, "seq": -1, "obscuration": 1, "alarm": true}                    | OUT_OF_RANGE
            {"ts": NOW, "seq": 99999999999999999999, "obscuration": 1, "alarm": true}  | OUT_OF_RANGE
            {"ts": NOW, "seq": 1e30, "obscuration": 1, "alarm": true}                  | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "temp": 20}         | UNKNOWN_FIELD
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "Alarm": true}      | UNKNOWN_FIELD
            {"ts": NOW, "seq": 1, "obscuration": 1, "alarm": true, "level": 2}         | WRONG_KIND
            {"ts": 1748736000, "seq": 1, "obscuration": 1, "alarm": true}              | TOO_OLD
            {"ts": "2025-04-30T23:59:59Z", "seq": 1, "obscuration": 1, "alarm": true}  | TOO_OLD
            {"ts": "2025-06-01T00:10:01Z", "seq": 1, "obscuration": 1, "alarm": true}  | TOO_FAR_AHEAD
            """)
    void aSmokePayloadOutsideTheContractIsRefusedWithItsReason(String payload, RejectReason expected) {
        RejectedReading refusal = refusal(payload.replace("NOW", Long.toString(NOW)), SMOKE);

        assertThat(refusal.reason()).isEqualTo(expected);
        assertThat(refusal.getMessage()).isNotBlank().hasSizeLessThan(120);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"ts": NOW, "seq": 1}                                       | MISSING_FIELD
            {"ts": NOW, "seq": 1, "level": 1000.01}                     | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "level": -50.5}                       | OUT_OF_RANGE
            {"ts": NOW, "seq": 1, "level": "high"}                      | BAD_TYPE
            {"ts": NOW, "seq": 1, "level": 2, "alarm": false}           | WRONG_KIND
            {"ts": NOW, "seq": 1, "level": 2, "obscuration": 0}         | WRONG_KIND
            """)
    void aWaterLevelPayloadOutsideTheContractIsRefusedWithItsReason(String payload, RejectReason expected) {
        RejectedReading refusal = refusal(payload.replace("NOW", Long.toString(NOW)), GAUGE);

        assertThat(refusal.reason()).isEqualTo(expected);
    }

    @Test
    void theMessageQuotesAnUnknownFieldShortAndWithoutControlCharacters() {
        String name = "x\n".repeat(40);
        String payload = "{\"" + name.replace("\n", "\\n") + "\": 1}";

        RejectedReading refusal = refusal(payload, SMOKE);

        assertThat(refusal.reason()).isEqualTo(RejectReason.UNKNOWN_FIELD);
        assertThat(refusal.getMessage()).doesNotContain("\n").hasSizeLessThan(60);
    }

    @Test
    void aMissingFieldMessageNamesEveryMissingField() {
        RejectedReading refusal = refusal("{\"seq\": 1}", SMOKE);

        assertThat(refusal.getMessage()).isEqualTo("missing ts, obscuration, alarm");
    }

    @Test
    void aNarrowerWindowRefusesWhatTheDefaultAccepts() {
        ReadingDecoder strict = new ReadingDecoder(Duration.ofHours(1), Duration.ofSeconds(5));
        byte[] payload = """
                {"ts": %d, "seq": 1, "level": 2}""".formatted(NOW - Duration.ofHours(2).toMillis())
                .getBytes(StandardCharsets.UTF_8);

        RejectedReading refusal = catchThrowableOfType(RejectedReading.class,
                () -> strict.decode(payload, GAUGE, RECEIVED));

        assertThat(refusal.reason()).isEqualTo(RejectReason.TOO_OLD);
    }

    @Test
    void aPayloadIsReadFromItsSliceOfALargerBuffer() throws Exception {
        byte[] json = """
                {"ts": %d, "seq": 9, "level": 2}""".formatted(NOW).getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[json.length + 8];
        System.arraycopy(json, 0, buffer, 4, json.length);
        buffer[json.length + 4] = '{';

        Reading reading = decoder.decode(buffer, 4, json.length, GAUGE, RECEIVED);

        assertThat(reading.seq()).isEqualTo(9);
    }

    private Reading decode(String payload, Device device) throws RejectedReading {
        return decoder.decode(payload.getBytes(StandardCharsets.UTF_8), device, RECEIVED);
    }

    private RejectedReading refusal(String payload, Device device) {
        RejectedReading refusal = catchThrowableOfType(RejectedReading.class, () -> decode(payload, device));
        assertThat(refusal).as("refusal of %s", payload).isNotNull();
        return refusal;
    }
}
