package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.ingest.MqttIngestOptions.RateLimit;
import io.gridwatch.ingest.Qos0Limiter.Verdict;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The QoS 0 token bucket, driven by a hand-made monotonic time. */
class Qos0LimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstPassesAndTheRestOfItIsDropped() {
        Qos0Limiter limiter = new Qos0Limiter(new RateLimit(10, 20, 1000), 0);

        Map<Verdict, Integer> verdicts = send(limiter, 50, 0, 0);

        assertThat(verdicts).containsEntry(Verdict.PASS, 20).containsEntry(Verdict.DROP, 30);
    }

    @Test
    void aDeviceAtItsRatePassesForever() {
        Qos0Limiter limiter = new Qos0Limiter(new RateLimit(10, 1, 0), 0);

        Map<Verdict, Integer> verdicts = send(limiter, 10_000, 0, SECOND / 10);

        assertThat(verdicts).containsOnlyKeys(Verdict.PASS);
    }

    @Test
    void aDeviceSlightlyOverItsRateIsThrottledButStaysConnected() {
        Qos0Limiter limiter = new Qos0Limiter(new RateLimit(10, 10, 100), 0);

        Map<Verdict, Integer> verdicts = send(limiter, 6000, 0, SECOND / 15);

        assertThat(verdicts).doesNotContainKey(Verdict.DISCONNECT);
        assertThat(verdicts.get(Verdict.DROP)).isBetween(1800, 2100);
    }

    @Test
    void aFloodAtTenTimesTheRateIsCutOffWithinSeconds() {
        Qos0Limiter limiter = new Qos0Limiter(new RateLimit(10, 10, 100), 0);

        int sent = 0;
        Verdict verdict;
        do {
            verdict = limiter.admit(sent * SECOND / 100);
            sent++;
        } while (verdict != Verdict.DISCONNECT && sent < 10_000);

        assertThat(verdict).isEqualTo(Verdict.DISCONNECT);
        assertThat(sent * SECOND / 100).isLessThan(3 * SECOND);
    }

    private static Map<Verdict, Integer> send(Qos0Limiter limiter, int messages, long start, long gapNanos) {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (int i = 0; i < messages; i++) {
            verdicts.merge(limiter.admit(start + i * gapNanos), 1, Integer::sum);
        }
        return verdicts;
    }
}
