package io.gridwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.ingest.ReadingDecoder;
import io.gridwatch.ingest.RejectLog;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Reading;
import io.gridwatch.model.Thresholds;
import io.gridwatch.store.ReadingSink;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker's readings through the node's reading path, with a sink the test controls: acknowledged only after the
 * write, in PUBLISH order; refusals acknowledged and never written; a failed write written again; nothing acknowledged
 * on a connection that is gone.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedReadingsTest {

    private static final Device SMOKE = new Device("sr-smoke-1", KindRegistry.SMOKE, "hall", 113.9, 22.75, "cell-1",
            Thresholds.NONE, null);

    private Vertx vertx;
    private Context context;
    private HeldSink sink;
    private Metrics metrics;
    private SharedReadings readings;
    private final List<String> acked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        sink = new HeldSink();
        metrics = new Metrics();
        DeviceDirectory directory = id -> Future.succeededFuture(id.equals(SMOKE.id())
                ? Optional.of(new DeviceDirectory.Credentials(SMOKE, "hash")) : Optional.empty());
        readings = new SharedReadings(context, directory, new ReadingDecoder(), sink,
                new BrokerMetrics(metrics, () -> true, () -> 0), new RejectLog(Clock.systemUTC()), Clock.systemUTC(),
                8192);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void aReadingIsAcknowledgedOnlyAfterItsWriteAndAcknowledgementsKeepPublishOrder() {
        // given two readings whose writes are held
        deliver("devices/sr-smoke-1/readings", smoke(1), "first");
        deliver("devices/sr-smoke-1/readings", smoke(2), "second");
        Eventually.until(Duration.ofSeconds(5), "both written", () -> sink.pending.size() == 2);

        // when the second commits first
        sink.complete(2);

        // then nothing is acknowledged yet: the first is still open
        sleep(100);
        assertThat(acked).isEmpty();

        // when the first commits too, both go out, in order
        sink.complete(1);
        Eventually.until(Duration.ofSeconds(5), "both acknowledged", () -> acked.size() == 2);
        assertThat(acked).containsExactly("first", "second");
        assertThat(scrape()).contains("gridwatch_broker_readings_total 2");
    }

    @Test
    void refusedReadingsAreAcknowledgedCountedAndNeverWritten() {
        deliver("devices/sr-ghost/readings", smoke(1), "unknown device");
        deliver("devices/sr-smoke-1/readings", "{not json".getBytes(StandardCharsets.UTF_8), "bad json");
        deliver("devices/sr-smoke-1/readings", withField("\"colour\":\"red\""), "unknown field");
        deliver("sensors/sr-smoke-1", smoke(4), "unknown topic");
        deliver("devices/sr-smoke-1/readings", new byte[9000], "too large");

        Eventually.until(Duration.ofSeconds(5), "all acknowledged", () -> acked.size() == 5);
        assertThat(acked).containsExactly("unknown device", "bad json", "unknown field", "unknown topic", "too large");
        assertThat(sink.attempts.get()).isZero();
        assertThat(scrape()).contains("gridwatch_broker_rejects_total{reason=\"unknown_device\"} 1",
                "gridwatch_broker_rejects_total{reason=\"malformed_json\"} 1",
                "gridwatch_broker_rejects_total{reason=\"unknown_field\"} 1",
                "gridwatch_broker_rejects_total{reason=\"unknown_topic\"} 1",
                "gridwatch_broker_rejects_total{reason=\"packet_too_large\"} 1");
    }

    @Test
    void aWriteThatFailsWhileTheDatabaseIsAwayIsWrittenAgainAndAcknowledgedOnlyThen() {
        // given the database is away for two attempts
        sink.failTransiently.set(2);

        // when
        deliver("devices/sr-smoke-1/readings", smoke(1), "reading");
        Eventually.until(Duration.ofSeconds(5), "written again", () -> sink.pending.size() == 1);

        // then it was not acknowledged before the third attempt, and is once it commits
        assertThat(acked).isEmpty();
        assertThat(sink.attempts.get()).isEqualTo(3);
        sink.complete(1);
        Eventually.until(Duration.ofSeconds(5), "acknowledged", () -> acked.size() == 1);
        assertThat(scrape()).contains("gridwatch_broker_write_failures_total 2");
    }

    @Test
    void nothingIsAcknowledgedForAConnectionThatIsGoneTheBrokerRedeliversIt() {
        deliver("devices/sr-smoke-1/readings", smoke(1), "before the drop");
        Eventually.until(Duration.ofSeconds(5), "written", () -> sink.pending.size() == 1);

        context.runOnContext(v -> readings.connectionLost());
        sink.complete(1);
        deliver("devices/sr-smoke-1/readings", smoke(1), "redelivered");
        Eventually.until(Duration.ofSeconds(5), "the redelivery written", () -> sink.pending.size() == 1);
        sink.complete(1);

        Eventually.until(Duration.ofSeconds(5), "the redelivery acknowledged", () -> acked.size() == 1);
        assertThat(acked).containsExactly("redelivered");
    }

    private void deliver(String topic, byte[] payload, String name) {
        context.runOnContext(v -> readings.accept(new Delivery(topic, payload, true, () -> acked.add(name))));
    }

    private String scrape() {
        return metrics.scrape();
    }

    private static byte[] smoke(int seq) {
        return withField("\"seq\":" + seq);
    }

    private static byte[] withField(String field) {
        String base = "{\"ts\":" + Instant.now().toEpochMilli() + ",\"obscuration\":0.4,\"alarm\":false,\"battery\":90";
        String seq = field.startsWith("\"seq\"") ? "" : ",\"seq\":3";
        return (base + seq + "," + field + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds every write until the test completes it by the reading's seq; can fail the next n as an outage does. */
    private static final class HeldSink implements ReadingSink {
        final Map<Long, Promise<Void>> pending = new ConcurrentHashMap<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failTransiently = new AtomicInteger();

        @Override
        public Future<Void> write(Reading reading) {
            attempts.incrementAndGet();
            if (failTransiently.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Future.failedFuture(new VertxException("connection refused: the database is away"));
            }
            Promise<Void> promise = Promise.promise();
            pending.put(reading.seq(), promise);
            return promise.future();
        }

        void complete(long seq) {
            pending.remove(seq).complete();
        }
    }
}
