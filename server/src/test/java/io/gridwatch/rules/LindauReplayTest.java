package io.gridwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Severity;
import io.gridwatch.model.Thresholds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The water-level rule replayed on real 15-minute levels of Lake Constance at Lindau (2.5 days in July 2025, rising
 * from 395.42 m to 395.68 m with centimetre-sized wobbles). Source: Bayerisches Landesamt für Umwelt,
 * www.gkd.bayern.de (CC BY 4.0).
 */
class LindauReplayTest {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static List<Reading> lake;

    @BeforeAll
    static void loadTheSlice() throws IOException {
        lake = load("/rules/lindau-slice.csv");
    }

    @Test
    void theSliceIsWhatTheseTestsAssume() {
        assertThat(lake).hasSize(238);
        assertThat(lake).extracting(r -> r.number("level")).allSatisfy(level -> assertThat(level).isBetween(395.42, 395.68));
        assertThat(upCrossings(lake, 395.50)).as("the raw series crosses 395.50 m up more than once").isEqualTo(5);
    }

    @Test
    void linesAboveItsRangeRaiseNothingAndTheSlowRiseIsNotFast() {
        Replay<WaterLevelState> run = replay(gaugeWithLines(395.80, 396.10), RuleSettings.DEFAULTS);

        assertThat(run.decisions).containsOnly(Decision.NONE);
    }

    @Test
    void aWarnLineInsideItsRangeIsCrossedOnceWithoutFlapping() {
        Replay<WaterLevelState> run = replay(gaugeWithLines(395.50, 396.10), RuleSettings.DEFAULTS);

        assertThat(run.newRaises()).singleElement().satisfies(raise -> {
            assertThat(raise.severity()).isEqualTo(Severity.MAJOR);
            assertThat(raise.value()).isEqualTo(395.50);
            assertThat(raise.at()).isEqualTo(firstAtOrOver(395.50));
        });
        assertThat(run.clears()).isEmpty();
    }

    @Test
    void withoutHysteresisTheSameSeriesWouldFlap() {
        RuleSettings noHysteresis = new RuleSettings(4.0, Duration.ZERO, 0.10, Duration.ofMinutes(10), 0.0,
                Duration.ZERO, 3.0, Duration.ofSeconds(60), Duration.ofSeconds(30), 15, 5);

        Replay<WaterLevelState> run = replay(gaugeWithLines(395.50, 396.10), noHysteresis);

        assertThat(run.newRaises()).hasSize(5);
        assertThat(run.clears()).hasSize(4);
    }

    private static Replay<WaterLevelState> replay(Device device, RuleSettings settings) {
        return new Replay<>(new WaterLevelRule(settings), WaterLevelState.INITIAL, device).feedAll(lake);
    }

    private static Device gaugeWithLines(double warn, double danger) {
        return new Device("lindau", KindRegistry.WATER_LEVEL, "Lindau", 9.68, 47.54, "cell-1",
                new Thresholds(warn, danger), Fixtures.T0);
    }

    private static Instant firstAtOrOver(double line) {
        return lake.stream().filter(r -> r.number("level") >= line).findFirst().orElseThrow().ts();
    }

    private static int upCrossings(List<Reading> readings, double line) {
        int crossings = 0;
        for (int i = 1; i < readings.size(); i++) {
            if (readings.get(i - 1).number("level") < line && readings.get(i).number("level") >= line) {
                crossings++;
            }
        }
        return crossings;
    }

    /** The slice, oldest first; its times are the gauge's local standard time (UTC+1), the offset matters not. */
    private static List<Reading> load(String resource) throws IOException {
        List<Reading> readings = new ArrayList<>();
        try (InputStream in = LindauReplayTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("\"")) {
                    continue;
                }
                String[] fields = line.split(",");
                Instant ts = LocalDateTime.parse(fields[0], TIME).toInstant(ZoneOffset.ofHours(1));
                double level = Double.parseDouble(fields[1]);
                readings.add(new Reading("lindau", "cell-1", KindRegistry.WATER_LEVEL, ts, readings.size(),
                        Measures.of(KindRegistry.WATER_LEVEL, "level", level), null, ts));
            }
        }
        readings.sort(Comparator.comparing(Reading::ts));
        return readings;
    }
}
