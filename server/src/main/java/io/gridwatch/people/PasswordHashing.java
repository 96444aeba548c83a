package io.gridwatch.people;

import io.gridwatch.device.SecretHasher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * PBKDF2 hashing and checking of passwords on a small worker pool of their own: a flood of log-in
 * attempts (0.1 s of CPU each) then waits in this pool's queue instead of starving every other
 * blocking task of the server. Thread-safe.
 */
public final class PasswordHashing {

    private static final String POOL = "gridwatch-password-hashing";
    private static final int THREADS = 2;

    private final WorkerExecutor workers;

    public PasswordHashing(Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor(POOL, THREADS);
    }

    public Future<String> hash(String password) {
        return workers.executeBlocking(() -> SecretHasher.hashPassword(password), false);
    }

    public Future<Boolean> matches(String hash, String password) {
        return workers.executeBlocking(() -> SecretHasher.matches(hash, password), false);
    }
}
