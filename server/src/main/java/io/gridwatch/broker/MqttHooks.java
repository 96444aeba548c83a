package io.gridwatch.broker;

import io.gridwatch.config.BrokerConfig;
import io.gridwatch.device.SecretHasher;
import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.metrics.Metrics;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers to the broker's HTTP auth and ACL hooks (EMQX 5's HTTP authenticator and authorizer), from the same
 * device tokens (stored hashed) as the node's own MQTT listener:
 * <ul>
 * <li>log-in: username = device id, password = its token; or gridwatch's own broker account
 *     ({@code GRIDWATCH_MQTT_BROKER_USERNAME}/{@code _PASSWORD}), which the nodes use to subscribe;
 * <li>a device may publish to {@code devices/{its id}/readings} and nothing else, and subscribe to nothing;
 *     gridwatch's account may subscribe to {@code $share/gridwatch/devices/+/readings} only.
 * </ul>
 * After {@link #MAX_FAILURES} wrong tokens for one device id within a minute, that id is denied unchecked for the
 * rest of the minute. Only the broker may ask: the caller must present the configured shared secret
 * ({@link #admits}). Thread-safe.
 */
public final class MqttHooks {

    static final int MAX_FAILURES = 10;
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_TOKEN_LENGTH = 512;

    /** What the broker asks to do. */
    public enum Action { PUBLISH, SUBSCRIBE }

    private final byte[] secretDigest;
    private final DeviceDirectory directory;
    private final Optional<BrokerConfig> account;
    private final FailureLimiter failures;
    private final Map<String, LongAdder> answers;

    public MqttHooks(String secret, DeviceDirectory directory, Optional<BrokerConfig> account, Metrics metrics) {
        this(secret, directory, account, metrics, new FailureLimiter(MAX_FAILURES, WINDOW_NANOS, System::nanoTime));
    }

    MqttHooks(String secret, DeviceDirectory directory, Optional<BrokerConfig> account, Metrics metrics,
            FailureLimiter failures) {
        this.secretDigest = digest(secret);
        this.directory = directory;
        this.account = account.filter(a -> a.username().isPresent());
        this.failures = failures;
        this.answers = Map.of(
                "auth_allow", counter(metrics, "auth_allow"), "auth_deny", counter(metrics, "auth_deny"),
                "auth_throttled", counter(metrics, "auth_throttled"), "acl_allow", counter(metrics, "acl_allow"),
                "acl_deny", counter(metrics, "acl_deny"));
    }

    private static LongAdder counter(Metrics metrics, String answer) {
        return metrics.counter("gridwatch_mqtt_hook_answers_total",
                "Answers to the broker's HTTP auth and ACL hooks, by answer.", "answer", answer);
    }

    /** Whether the caller presented the shared secret (compared in constant time). */
    public boolean admits(String presented) {
        return presented != null && MessageDigest.isEqual(secretDigest, digest(presented));
    }

    /** Allow or deny a log-in; never fails (a directory failure is a deny, and the broker asks again). */
    public Future<Boolean> authenticate(String username, String password) {
        if (isAccount(username)) {
            boolean ok = account.get().password().map(p -> MessageDigest.isEqual(digest(p), digest(password)))
                    .orElse(true);
            return answer("auth", ok);
        }
        if (username.isEmpty() || username.length() > MAX_ID_LENGTH || password.isEmpty()
                || password.length() > MAX_TOKEN_LENGTH) {
            return answer("auth", false);
        }
        if (failures.blocked(username)) {
            answers.get("auth_throttled").increment();
            return Future.succeededFuture(false);
        }
        return directory.credentials(username)
                .map(found -> found.isPresent() && SecretHasher.matches(found.get().tokenHash(), password))
                .otherwise(false)
                .compose(ok -> {
                    if (!ok) {
                        failures.failed(username);
                    }
                    return answer("auth", ok);
                });
    }

    /** Allow or deny one action on one topic by an authenticated client. */
    public Future<Boolean> authorize(String username, String topic, Action action) {
        if (isAccount(username)) {
            return answer("acl", action == Action.SUBSCRIBE && BrokerConfig.sharedFilter().equals(topic));
        }
        if (action != Action.PUBLISH || !topic.equals("devices/" + username + "/readings")) {
            return answer("acl", false);
        }
        return directory.credentials(username).map(Optional::isPresent).otherwise(false)
                .compose(ok -> answer("acl", ok));
    }

    private boolean isAccount(String username) {
        return account.isPresent() && account.get().username().get().equals(username);
    }

    private Future<Boolean> answer(String hook, boolean allow) {
        answers.get(hook + (allow ? "_allow" : "_deny")).increment();
        return Future.succeededFuture(allow);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
