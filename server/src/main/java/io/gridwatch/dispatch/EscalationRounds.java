package io.gridwatch.dispatch;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One round of escalation: the due alerts climb to their next staffed level. Because the deadlines live in the
 * database, a restart (or another node) picks up exactly where this one stopped. The roster is reloaded every
 * {@link #ROSTER_RELOAD_ROUNDS} rounds so that routing sees people added through another node. Not thread-safe:
 * one runner calls it, one round at a time.
 */
public final class EscalationRounds implements Supplier<Future<Integer>> {

    /** Enough for a storm of due alerts; the rest go on the next round. */
    private static final int BATCH = 500;
    private static final int ROSTER_RELOAD_ROUNDS = 30;

    private final AlertLifecycle lifecycle;
    private final StaffDirectory staff;
    private long rounds;

    public EscalationRounds(AlertLifecycle lifecycle, StaffDirectory staff) {
        this.lifecycle = lifecycle;
        this.staff = staff;
    }

    @Override
    public Future<Integer> get() {
        Future<Void> roster = ++rounds % ROSTER_RELOAD_ROUNDS == 0 ? staff.reload() : Future.succeededFuture();
        // a failed reload leaves the roster as it was: escalation goes on with it
        return roster.transform(ignored -> lifecycle.escalateDue(BATCH)).map(escalated -> escalated.size());
    }
}
