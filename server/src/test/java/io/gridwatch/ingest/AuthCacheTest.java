package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.ingest.DeviceDirectory.Credentials;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Recent log-ins, remembered by a digest of the token for a short time. */
class AuthCacheTest {

    private static final Device DEVICE = new Device("smoke-1", KindRegistry.SMOKE, "", 0, 0, "cell", null,
            Instant.EPOCH);
    private static final String TOKEN = SecretHasher.newToken();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    private final AuthCache cache = new AuthCache(Duration.ofSeconds(60), clock);

    @Test
    void aRememberedLogInMatchesItsTokenOnly() {
        cache.remember(new Credentials(DEVICE, SecretHasher.hashToken(TOKEN)), TOKEN);

        assertThat(cache.match("smoke-1", TOKEN)).isEqualTo(DEVICE);
        assertThat(cache.match("smoke-1", TOKEN + "x")).isNull();
        assertThat(cache.match("smoke-2", TOKEN)).isNull();
    }

    @Test
    void aLogInIsForgottenAfterItsTimeToLive() {
        cache.remember(new Credentials(DEVICE, SecretHasher.hashToken(TOKEN)), TOKEN);

        clock.advance(Duration.ofSeconds(59));
        Device before = cache.match("smoke-1", TOKEN);
        clock.advance(Duration.ofSeconds(1));
        Device after = cache.match("smoke-1", TOKEN);
        cache.sweep();

        assertThat(before).isEqualTo(DEVICE);
        assertThat(after).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void logInsCheckedOnManyThreadsAtOnceEachMatchTheirOwnTokenOnly() throws Exception {
        // given: devices remembered with their tokens; each thread hashes with a digest of its own
        int devices = 64;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            tokens.add(SecretHasher.newToken());
            cache.remember(new Credentials(device(i), "unused-hash"), tokens.get(i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            // when: eight threads check right and wrong tokens in an interleaving of their own
            List<Future<Integer>> wrongAnswers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                wrongAnswers.add(threads.submit(() -> {
                    int wrong = 0;
                    for (int round = 0; round < 2_000; round++) {
                        int i = (round * 7 + offset) % devices;
                        String id = device(i).id();
                        wrong += cache.match(id, tokens.get(i)) == null ? 1 : 0;
                        wrong += cache.match(id, tokens.get((i + 1) % devices)) != null ? 1 : 0;
                    }
                    return wrong;
                }));
            }
            // then: no thread ever saw another's digest state
            for (Future<Integer> wrong : wrongAnswers) {
                assertThat(wrong.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Device device(int i) {
        return new Device("smoke-" + i, KindRegistry.SMOKE, "", 0, 0, "cell", null, Instant.EPOCH);
    }

    @Test
    void aZeroTimeToLiveRemembersNothing() {
        AuthCache off = new AuthCache(Duration.ZERO, clock);

        off.remember(new Credentials(DEVICE, SecretHasher.hashToken(TOKEN)), TOKEN);

        assertThat(off.match("smoke-1", TOKEN)).isNull();
    }
}
