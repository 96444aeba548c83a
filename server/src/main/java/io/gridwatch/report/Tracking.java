package io.gridwatch.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tracking page shows besides the status: the case's steps in a resident's words, the handling when staff
 * chose to share it, and the resident's rating. Nothing about staff: the audit trail's actors, notes and levels never
 * leave the database here. Thread-safe: no state besides the pool.
 */
public final class Tracking {

    /** One step of the case as a resident reads it. */
    public record Step(String step, Instant at) {
    }

    /** A resident's rating as stored. */
    public record Rating(String score, String comment, Instant ratedAt) {
    }

    /** The handling staff shared: the department's note and its photos' ids. */
    public record Handling(String note, List<Long> photos) {
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
                String step = step(row.getString("type"), Boolean.TRUE.equals(row.getBoolean("reopened")),
                        Boolean.TRUE.equals(row.getBoolean("passed")));
                if (step != null) {
                    Instant at = row.getOffsetDateTime("at").toInstant();
                    steps.add(new Step(step, at.isBefore(received) ? received : at));
                }
            }
            return steps;
        });
    }

    public Future<Optional<Rating>> rating(String trackingCode) {
        return pool.preparedQuery(TrackingSql.RATING).execute(Tuple.of(trackingCode)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Rating(row.getString("score"), row.getString("comment"),
                    row.getOffsetDateTime("rated_at").toInstant()));
        });
    }

    public Future<Optional<Handling>> handling(String trackingCode) {
        return pool.preparedQuery(TrackingSql.SHARED_HANDLING).execute(Tuple.of(trackingCode)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            Long[] photos = row.getArrayOfLongs("photos");
            return Optional.of(new Handling(row.getString("handle_note"), photos == null ? List.of() : List.of(photos)));
        });
    }

    /** A shared handling photo of the report's case (re-encoded JPEG, no metadata); empty when not shared. */
    public Future<Optional<byte[]>> photo(String trackingCode, long photoId) {
        if (!TrackingCode.isWellFormed(trackingCode)) {
            return Future.succeededFuture(Optional.empty());
        }
        return pool.preparedQuery(TrackingSql.SHARED_PHOTO).execute(Tuple.of(trackingCode, photoId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBuffer("bytes").getBytes()));
    }

    /** A case closes by {@code resolved} (settled in the grid) or by a passed check of a department's work. */
    private static String step(String type, boolean reopened, boolean passed) {
        return switch (type) {
            case "acknowledged", "returned" -> "with_grid";
            case "dispatched" -> "dispatched";
            case "handled" -> "handled";
            case "resolved" -> "closed";
            case "verified" -> passed ? "closed" : null;
            case "rated" -> reopened ? "reopened" : null;
            default -> null;
        };
    }
}
