package io.gridwatch.report;

import io.gridwatch.alert.AlertEventType;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.rules.Severity;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Residents rate a closed case once per report ({@code satisfied}, {@code basic}, {@code unsatisfied}); an unsatisfied
 * rating reopens the case one staffed level above the level that closed it (回访不满意重办), announced like any other
 * alert change once committed. The rating, the reopening and their audit-trail event are one transaction. Thread-safe.
 */
public final class Ratings {

    public static final Set<String> SCORES = Set.of("satisfied", "basic", "unsatisfied");
    public static final int MAX_COMMENT = 1000;
    private static final String UNIQUE_VIOLATION = "23505";

    /** What was stored. @param reopenedAt the level the case reopened at, or null */
    public record Rated(String score, long alertId, Level reopenedAt) {
    }

    private final Pool pool;
    private final AlertLifecycle alerts;
    private final Clock clock;

    public Ratings(Pool pool, AlertLifecycle alerts, Clock clock) {
        this.pool = pool;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * @throws ClientError (in the future; nothing stored) 400 bad score or comment, 404 unknown code, 409 not closed
     *     or already rated
     */
    public Future<Rated> rate(String trackingCode, String score, String comment) {
        if (!TrackingCode.isWellFormed(trackingCode)) {
            return Future.failedFuture(ClientError.notFound("no report with that tracking code"));
        }
        if (score == null || !SCORES.contains(score)) {
            return Future.failedFuture(ClientError.badRequest("score must be satisfied, basic or unsatisfied"));
        }
        String note = comment == null || comment.isBlank() ? null : comment.trim();
        if (note != null && note.length() > MAX_COMMENT) {
            return Future.failedFuture(ClientError.badRequest("comment is longer than " + MAX_COMMENT + " characters"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(conn -> conn.preparedQuery(RatingSql.CASE_FOR_RATING).execute(Tuple.of(trackingCode))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(ClientError.notFound("no report with that tracking code"));
                            }
                            return rateCase(conn, rows.iterator().next(), score, note, now);
                        }))
                .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? Future.failedFuture(ClientError.conflict("a newer case for the same source is open; "
                                + "this one cannot be reopened"))
                        : Future.failedFuture(failure))
                .onSuccess(this::announce);
    }

    private Future<Rated> rateCase(SqlConnection conn, Row row, String score, String note, Instant now) {
        long reportId = row.getLong("report_id");
        long alertId = row.getLong("alert_id");
        if (!"resolved".equals(row.getString("status"))) {
            return Future.failedFuture(ClientError.conflict("the case is not closed yet (it is "
                    + row.getString("status") + "); rate it once it is closed"));
        }
        Level closedAt = Level.fromId(row.getString("level")).orElseThrow();
        return conn.preparedQuery(RatingSql.INSERT_RATING).execute(Tuple.of(reportId, alertId, score, note,
                        closedAt.id(), now.atOffset(ZoneOffset.UTC)))
                .compose(inserted -> {
                    if (inserted.size() == 0) {
                        return Future.failedFuture(ClientError.conflict("this report has already been rated"));
                    }
                    if (!"unsatisfied".equals(score)) {
                        return conn.preparedQuery(RatingSql.RATED_EVENT).execute(Tuple.of(alertId,
                                        now.atOffset(ZoneOffset.UTC), score, Long.toString(reportId)))
                                .map(done -> new Rated(score, alertId, null));
                    }
                    GridPath path = new GridPath(row.getString("district_id"), row.getString("subdistrict_id"),
                            row.getString("community_id"), row.getString("sector_id"), row.getString("cell_id"));
                    Severity severity = Severity.fromId(row.getString("severity")).orElseThrow();
                    AlertLifecycle.Placement placement = alerts.reopening(path, closedAt, severity, now);
                    return conn.preparedQuery(RatingSql.REOPEN).execute(Tuple.tuple().addLong(alertId)
                                    .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)).addString(placement.level().id())
                                    .addOffsetDateTime(placement.escalateAt() == null ? null
                                            : placement.escalateAt().atOffset(ZoneOffset.UTC))
                                    .addString(Long.toString(reportId)))
                            .map(done -> new Rated(score, alertId, placement.level()));
                });
    }

    /** Everyone on the case's path hears of the rating; a reopened case is theirs again. */
    private void announce(Rated rated) {
        alerts.store().find(rated.alertId()).onSuccess(found -> found.ifPresent(alert ->
                alerts.announce(AlertEventType.RATED, alert)));
    }
}
