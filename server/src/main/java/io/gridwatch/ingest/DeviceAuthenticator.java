package io.gridwatch.ingest;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.ingest.DeviceDirectory.Credentials;
import io.gridwatch.model.Device;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Checks the user name (a device id) and password (its token) of a CONNECT: first against the {@link AuthCache},
 * then against the {@link DeviceDirectory} and the token's salted hash. The answer is always a succeeded future with
 * an {@link Outcome}; a directory failure is the outcome {@link RejectReason#DIRECTORY_UNAVAILABLE}. A cache hit
 * answers with an already completed future, so the CONNACK can go out before the next packet is read.
 *
 * <p>Needs no Vert.x instance. Thread-safe (the directory's futures may complete on any thread).
 */
final class DeviceAuthenticator {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_TOKEN_LENGTH = 512;

    /** What a log-in came to. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(Device device) implements Outcome {
    }

    record Refused(RejectReason reason) implements Outcome {
    }

    private final DeviceDirectory directory;
    private final AuthCache cache;

    DeviceAuthenticator(DeviceDirectory directory, AuthCache cache) {
        this.directory = directory;
        this.cache = cache;
    }

    Future<Outcome> authenticate(String deviceId, String token) {
        if (deviceId == null || deviceId.isEmpty() || token == null || token.isEmpty()) {
            return refused(RejectReason.MISSING_CREDENTIALS);
        }
        if (deviceId.length() > MAX_ID_LENGTH) {
            return refused(RejectReason.UNKNOWN_DEVICE);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return refused(RejectReason.BAD_TOKEN);
        }
        Device cached = cache.match(deviceId, token);
        if (cached != null) {
            return Future.succeededFuture(new Accepted(cached));
        }
        Future<Optional<Credentials>> lookup;
        try {
            lookup = directory.credentials(deviceId);
        } catch (RuntimeException failed) {
            lookup = Future.failedFuture(failed);
        }
        return lookup.transform(found -> Future.succeededFuture(verify(found, token)));
    }

    private Outcome verify(AsyncResult<Optional<Credentials>> found, String token) {
        if (found.failed()) {
            return new Refused(RejectReason.DIRECTORY_UNAVAILABLE);
        }
        Optional<Credentials> credentials = found.result();
        if (credentials == null || credentials.isEmpty()) {
            return new Refused(RejectReason.UNKNOWN_DEVICE);
        }
        if (!SecretHasher.matches(credentials.get().tokenHash(), token)) {
            return new Refused(RejectReason.BAD_TOKEN);
        }
        cache.remember(credentials.get(), token);
        return new Accepted(credentials.get().device());
    }

    private static Future<Outcome> refused(RejectReason reason) {
        return Future.succeededFuture(new Refused(reason));
    }
}
