package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.ingest.DeviceDirectory.Credentials;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
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
    void aZeroTimeToLiveRemembersNothing() {
        AuthCache off = new AuthCache(Duration.ZERO, clock);

        off.remember(new Credentials(DEVICE, SecretHasher.hashToken(TOKEN)), TOKEN);

        assertThat(off.match("smoke-1", TOKEN)).isNull();
    }
}
