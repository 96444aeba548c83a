package io.gridwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.MqttIngestOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TimescaleDB path cannot run here (no TimescaleDB on the machine), so its migrations are checked as text,
 * with the placeholders filled in as Flyway fills them: the policies they leave in force must cover the window
 * of late readings the server accepts, which comes from the same constant.
 */
class LateWindowMigrationTest {

    private static final List<String> AGGREGATES = List.of("readings_1m", "cell_readings_1m", "readings_1h",
            "cell_readings_1h");
    private static final Pattern REFRESH_POLICY = Pattern.compile("add_continuous_aggregate_policy\\('(\\w+)',\\s*"
            + "start_offset => INTERVAL '(\\d+) days',\\s*end_offset => INTERVAL '[^']+',\\s*"
            + "schedule_interval => INTERVAL '(\\d+) (minute|minutes)'\\)");
    private static final Pattern COMPRESSION_POLICY = Pattern.compile(
            "add_compression_policy\\('readings', compress_after => INTERVAL '(\\d+) days'\\)");

    @Test
    void theServerAcceptsExactlyTheLateWindowTheStorageIsSetUpFor() {
        // given the MQTT endpoint's defaults
        // then its oldest accepted reading is the storage's late window
        assertThat(MqttIngestOptions.defaults().maxReadingAge()).isEqualTo(LateWindow.ACCEPTED);
    }

    @Test
    void everyContinuousAggregateIsRefreshedOverTheWholeLateWindow() throws Exception {
        // given the timescale migrations in the order Flyway applies them, placeholders filled in
        Map<String, Duration> lookBack = new LinkedHashMap<>();
        Map<String, Duration> schedule = new LinkedHashMap<>();
        for (String sql : timescaleMigrations()) {
            Matcher m = REFRESH_POLICY.matcher(sql);
            while (m.find()) {
                // the last policy added for an aggregate is the one in force
                lookBack.put(m.group(1), Duration.ofDays(Long.parseLong(m.group(2))));
                schedule.put(m.group(1), Duration.ofMinutes(Long.parseLong(m.group(3))));
            }
        }
        // then each aggregate's refresh reaches back past the oldest accepted reading, its bucket and one schedule
        assertThat(lookBack.keySet()).containsExactlyInAnyOrderElementsOf(AGGREGATES);
        for (String aggregate : AGGREGATES) {
            Duration bucket = aggregate.endsWith("_1h") ? Duration.ofHours(1) : Duration.ofMinutes(1);
            assertThat(lookBack.get(aggregate)).as(aggregate)
                    .isGreaterThanOrEqualTo(LateWindow.ACCEPTED.plus(bucket).plus(schedule.get(aggregate)))
                    .isEqualTo(LateWindow.aggregateRefresh());
        }
    }

    @Test
    void chunksAreCompressedOnlyAfterTheLateWindow() throws Exception {
        // given the timescale migrations, placeholders filled in
        Duration compressAfter = null;
        for (String sql : timescaleMigrations()) {
            Matcher m = COMPRESSION_POLICY.matcher(sql);
            while (m.find()) {
                compressAfter = Duration.ofDays(Long.parseLong(m.group(1)));
            }
        }
        // then the compression policy in force leaves every chunk a late reading may go to uncompressed
        assertThat(compressAfter).isNotNull().isGreaterThan(LateWindow.aggregateRefresh())
                .isEqualTo(LateWindow.compressAfter());
    }

    @Test
    void theLateWindowMigrationIsGuardedAndInStepWithTheNativePath() throws Exception {
        // given V15 of both paths
        String timescale = migration("db/timescale/V15__late_window.sql");
        String nativePath = migration("db/native/V15__late_window.sql");
        // then every policy it adds is first removed only if it exists, and nothing is left unfilled
        for (String aggregate : AGGREGATES) {
            assertThat(timescale).contains("remove_continuous_aggregate_policy('" + aggregate + "', if_exists => true)");
        }
        assertThat(timescale).contains("remove_compression_policy('readings', if_exists => true)");
        assertThat(timescale + nativePath).doesNotContain("${");
        // and both say the same window on the table
        assertThat(nativePath).contains("accepted up to " + LateWindow.ACCEPTED.toDays() + " days late");
        assertThat(timescale).contains("accepted up to " + LateWindow.ACCEPTED.toDays() + " days late");
    }

    private static List<String> timescaleMigrations() throws IOException, URISyntaxException {
        Path dir = Path.of(LateWindowMigrationTest.class.getResource("/db/timescale").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                    .map(n -> uncheckedRead("db/timescale/" + n)).toList();
        }
    }

    private static String uncheckedRead(String resource) {
        try {
            return migration(resource);
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The migration's text with the placeholders replaced, as Flyway replaces them. */
    private static String migration(String resource) throws IOException, URISyntaxException {
        String sql = Files.readString(Path.of(LateWindowMigrationTest.class.getResource("/" + resource).toURI()),
                StandardCharsets.UTF_8);
        for (Map.Entry<String, String> p : Migrations.placeholders(StorageOptions.defaults()).entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        return sql;
    }
}
