package io.gridwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.ingest.ReadingDecoder;
import io.gridwatch.ingest.RejectedReading;
import io.gridwatch.rules.Detector;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A registered kind is complete (docs/architecture.md, "Adding a sensor kind"): the decoder takes its payload and
 * refuses its values out of range, a rule judges it, it has labels in both languages, a Grafana panel charts it and
 * the simulator can simulate it. A new registry entry that misses one of these fails here, naming what is missing.
 */
class KindRegistryCompletenessTest {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    static Stream<SensorKind> kinds() {
        return KindRegistry.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theDecoderTakesAPayloadWithEveryFieldAndRefusesEachNumberPastItsRange(SensorKind kind) throws Exception {
        Device device = new Device("complete-1", kind, "", 113.9, 22.7, "cell-1", Thresholds.NONE, NOW);
        ReadingDecoder decoder = new ReadingDecoder();

        Reading reading = decoder.decode(payload(kind, null, 0), device, NOW);

        assertThat(reading.kind()).isEqualTo(kind);
        for (ReadingField field : kind.fields()) {
            assertThat(reading.values().asMap().get(field.name())).as(kind + "." + field.name()).isNotNull();
            if (field.isNumber()) {
                assertThatThrownBy(() -> decoder.decode(payload(kind, field, field.max() + 1), device, NOW))
                        .as(kind + "." + field.name() + " above its maximum").isInstanceOf(RejectedReading.class);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aRuleNamedAsTheEntrySaysJudgesIt(SensorKind kind) {
        RuleEngine engine = new RuleEngine(RuleSettings.DEFAULTS);

        Detector<?> rule = engine.detector(kind.rule()).orElseThrow(() -> new AssertionError(
                "no detector named " + kind.rule() + " in RuleEngine.standard"));

        assertThat(rule.judges(kind)).as(kind + " judged by " + kind.rule()).isTrue();
        assertThat(rule.alertKind()).isEqualTo(kind.alertKind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void itAndItsFieldsHaveLabelsInChineseAndEnglish(SensorKind kind) {
        assertBothLanguages(kind.id(), kind.label());
        kind.fields().forEach(field -> assertBothLanguages(kind.id() + "." + field.name(), field.label()));
        assertBothLanguages("alert kind " + kind.id(), kind.alertKind().label());
        assertThat(kind.icon()).as(kind + " icon").isNotBlank();
        assertThat(kind.colour()).as(kind + " colour").matches("#[0-9a-f]{6}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aGrafanaPanelChartsIt(SensorKind kind) throws IOException {
        Path dashboards = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../grafana/dashboards").normalize();
        String needle = "kind = '" + kind.id() + "'";
        try (Stream<Path> files = Files.list(dashboards)) {
            List<Path> charting = files.filter(file -> read(file).contains(needle)).toList();
            assertThat(charting).as("a panel of grafana/dashboards with " + needle).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theSimulatorCanSimulateIt(SensorKind kind) {
        assertThat(Arrays.stream(io.gridwatch.simulator.fleet.DeviceKind.values())
                .map(io.gridwatch.simulator.fleet.DeviceKind::apiId))
                .as("device-simulator fleet.DeviceKind").contains(kind.id());
    }

    private static void assertBothLanguages(String what, Label label) {
        assertThat(label.zh()).as(what + " in Chinese").isNotBlank().matches(".*\\p{IsHan}.*");
        assertThat(label.en()).as(what + " in English").isNotBlank().doesNotMatch(".*\\p{IsHan}.*");
    }

    /** Every field of the kind at the middle of its range (flags false), {@code bad} set to {@code badValue}. */
    private static byte[] payload(SensorKind kind, ReadingField bad, double badValue) {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        json.add("\"ts\": " + NOW.toEpochMilli()).add("\"seq\": 1").add("\"battery\": 50");
        for (ReadingField field : kind.fields()) {
            double value = field == bad ? badValue : (field.min() + field.max()) / 2;
            json.add("\"" + field.name() + "\": " + (field.isNumber() ? Double.toString(value) : "false"));
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
