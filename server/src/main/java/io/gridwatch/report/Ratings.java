package io.gridwatch.report;

import io.gridwatch.alert.AlertEventType;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Level;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Residents rate a closed case once per report ({@code satisfied}, {@code basic}, {@code unsatisfied}) into
 * {@code case_ratings}, which the satisfaction figures count; an unsatisfied rating reopens the case one staffed level
 * above the level that closed it (回访不满意重办). The rating, the alert's change and its {@code rated} event are one
 * transaction, announced once committed. Thread-safe.
 */
public final class Ratings {

    public static final Set<String> SCORES = Set.of("satisfied", "basic", "unsatisfied");
    public static final int MAX_COMMENT = 1000;
    /** The actor of a rating in the audit trail: never the resident's name or phone. */
    static final String ACTOR = "resident";
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
        return pool.withTransaction(conn -> conn.preparedQuery(TrackingSql.REPORT_CASE).execute(Tuple.of(trackingCode))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(ClientError.notFound("no report with that tracking code"));
                            }
                            long reportId = rows.iterator().next().getLong("id");
                            long alertId = rows.iterator().next().getLong("alert_id");
                            return rateCase(conn, reportId, alertId, score, note, now);
                        }))
                .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? Future.failedFuture(ClientError.conflict("a newer case for the same source is open; "
                                + "this one cannot be reopened"))
                        : Future.failedFuture(failure))
                .onSuccess(this::announce);
    }

    private Future<Rated> rateCase(SqlConnection conn, long reportId, long alertId, String score, String note,
            Instant now) {
        AlertStore store = alerts.store();
        return store.lock(conn, alertId).compose(found -> {
            var alert = found.orElseThrow();
            if (alert.status() != AlertStatus.RESOLVED) {
                return Future.failedFuture(ClientError.conflict("the case is not closed yet (it is "
                        + alert.status().id() + "); rate it once it is closed"));
            }
            return conn.preparedQuery(TrackingSql.INSERT_RATING).execute(Tuple.of(reportId, alertId, score, note,
                            now.atOffset(ZoneOffset.UTC)))
                    .compose(inserted -> {
                        if (inserted.size() == 0) {
                            return Future.failedFuture(ClientError.conflict("this report has already been rated"));
                        }
                        JsonObject detail = new JsonObject().put("score", score).put("report", Long.toString(reportId))
                                .put("closed_at_level", alert.level().id());
                        if (!"unsatisfied".equals(score)) {
                            return store.step(conn, alertId, new AlertStore.CaseStep(null, null, AlertEventType.RATED,
                                    ACTOR, now, detail, null)).map(done -> new Rated(score, alertId, null));
                        }
                        AlertLifecycle.Placement placement = alerts.reopening(alert.path(), alert.level(),
                                alert.severity(), now);
                        detail.put("reopened_at_level", placement.level().id());
                        return store.reopen(conn, alertId, placement.level(), placement.escalateAt(), ACTOR, now,
                                detail).map(done -> new Rated(score, alertId, placement.level()));
                    });
        });
    }

    /** Everyone on the case's path hears of the rating; a reopened case is theirs again. */
    private void announce(Rated rated) {
        alerts.store().find(rated.alertId()).onSuccess(found -> found.ifPresent(alert ->
                alerts.announce(AlertEventType.RATED, alert)));
    }
}
