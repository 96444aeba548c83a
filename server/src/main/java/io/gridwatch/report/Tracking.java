package io.gridwatch.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tracking page shows besides the status: the case's steps in a resident's words. Nothing about staff: the audit trail's actors, notes and levels never leave the database here.
 * Thread-safe: no state besides the pool.
 */
public final class Tracking {

    /** One step of the case as a resident reads it. */
    public record Step(String step, Instant at) {
    }

    private final Pool pool;

    public Tracking(Pool pool) {
        this.pool = pool;
    }

    /**
     * The steps after {@code received}: {@code with_grid} (acknowledged, or returned by a department),
     * {@code dispatched}, {@code handled}, {@code closed}, {@code reopened} (after an unsatisfied rating). A step
     * from before the report (it joined a case already under way) is shown at the report's time.
     */
    public Future<List<Step>> timeline(String trackingCode, Instant received) {
        return pool.preparedQuery(TrackingSql.TIMELINE).execute(Tuple.of(trackingCode)).map(rows -> {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("received", received));
            for (Row row : rows) {
                String step = step(row.getString("type"), Boolean.TRUE.equals(row.getBoolean("reopened")));
                if (step != null) {
                    Instant at = row.getOffsetDateTime("at").toInstant();
                    steps.add(new Step(step, at.isBefore(received) ? received : at));
                }
            }
            return steps;
        });
    }

    private static String step(String type, boolean reopened) {
        return switch (type) {
            case "acknowledged", "returned" -> "with_grid";
            case "dispatched" -> "dispatched";
            case "handled" -> "handled";
            case "resolved" -> "closed";
            case "rated" -> reopened ? "reopened" : null;
            default -> null;
        };
    }
}
