package io.gridwatch.report;

import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.alert.ReportAttachment;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reports and their photos in PostgreSQL (vertx-pg-client; never blocks). {@link #save} writes the
 * report, its photo and its alert change (opened or joined) in one transaction: all or nothing. The
 * alert change itself goes through the {@link AlertStore}, the only writer of alerts.
 *
 * <p>Thread-safe: no state besides the pool. Several nodes may save at once: "join or open" is
 * decided under a transaction-scoped advisory lock per hazard family.
 */
public final class ReportStore {

    /** Opens the alert for a new report on the transaction's connection; returns its id. */
    @FunctionalInterface
    public interface AlertOpener {
        Future<Long> open(SqlConnection transaction, long reportId);
    }

    /**
     * Where a report may join an alert.
     *
     * @param cells the report's cell and the cells touching it
     * @param since the oldest report time that still counts
     */
    public record MergeScope(Category.Family family, Set<String> cells, Instant since, double metres) {
    }

    /**
     * A stored photo, the cell of its report, and the departments the report's case is dispatched to now (they
     * see the resident's photos of the cases they handle, and no others).
     */
    public record StoredPhoto(byte[] jpeg, String cellId, Set<String> departments) {
    }

    private final Pool pool;
    private final AlertStore alerts;

    public ReportStore(Pool pool, AlertStore alerts) {
        this.pool = pool;
        this.alerts = alerts;
    }

    /**
     * Stores the report: it joins the alert {@link ReportSql#CANDIDATE} finds, or {@code opener}
     * opens one. {@code deadline} is the escalation deadline of the report's severity, should it
     * raise a joined alert's severity.
     *
     * @return the receipt; the future fails with the database's unique violation when the
     *     idempotency key is already taken (nothing is stored then)
     */
    public Future<ReportReceipt> save(NewReport report, MergeScope scope, Instant deadline, AlertOpener opener) {
        if (scope == null) {
            // a report that never joins: no lock, no candidate
            return pool.withTransaction(conn -> conn.preparedQuery(ReportSql.NEXT_ID).execute()
                    .compose(next -> {
                        long id = next.iterator().next().getLong(0);
                        return opener.open(conn, id).compose(alert -> opened(conn, report, id, alert));
                    }));
        }
        return pool.withTransaction(conn -> conn.preparedQuery(ReportSql.LOCK_FAMILY)
                .execute(Tuple.of(scope.family().name()))
                .compose(locked -> conn.preparedQuery(ReportSql.NEXT_ID).execute())
                .compose(next -> {
                    long id = next.iterator().next().getLong(0);
                    return conn.preparedQuery(ReportSql.CANDIDATE).execute(candidateParams(report, scope))
                            .compose(found -> found.size() > 0
                                    ? joined(conn, report, id, found.iterator().next().getLong(0), deadline)
                                    : opener.open(conn, id).compose(alert -> opened(conn, report, id, alert)));
                }));
    }

    private static Tuple candidateParams(NewReport report, MergeScope scope) {
        return Tuple.of(scope.family().sensorKinds().stream().map(AlertKind::id).toArray(String[]::new),
                report.path().cell(),
                scope.cells().toArray(String[]::new),
                scope.family().categories().stream().map(Category::id).toArray(String[]::new),
                time(scope.since()),
                report.lon(), report.lat(), scope.metres());
    }

    private Future<ReportReceipt> opened(SqlConnection conn, NewReport report, long id, long alertId) {
        return insert(conn, report, id, alertId, false)
                .compose(photo -> attach(conn, report, id, alertId, false, null).map(photo))
                .map(photo -> new ReportReceipt(id, report.trackingCode(), report.path(), alertId, false, false, photo));
    }

    private Future<ReportReceipt> joined(SqlConnection conn, NewReport report, long id, long alertId,
            Instant deadline) {
        return insert(conn, report, id, alertId, true)
                .compose(photo -> attach(conn, report, id, alertId, true, deadline).map(photo))
                .map(photo -> new ReportReceipt(id, report.trackingCode(), report.path(), alertId, true, false, photo));
    }

    /** The report row and its photo, pending until sanitised; the photo's id, null when the report has none. */
    private static Future<Long> insert(SqlConnection conn, NewReport report, long id, long alertId, boolean merged) {
        GridPath path = report.path();
        Tuple row = Tuple.tuple().addLong(id).addString(report.trackingCode()).addString(report.keyHash())
                .addString(report.category().id()).addString(report.description())
                .addDouble(report.lon()).addDouble(report.lat()).addString(report.locatedBy());
        for (Level level : Level.values()) {
            row.addString(path.at(level));
        }
        row.addLong(alertId).addBoolean(merged).addOffsetDateTime(time(report.at()));
        ReportOrigin origin = report.origin();
        row.addString(origin.channel()).addLong(origin.apiKeyId()).addString(origin.sourceSystem())
                .addString(origin.externalId()).addOffsetDateTime(time(origin.reportedAt()))
                .addString(origin.mediaUrl()).addString(origin.contactPhone());
        if (report.photo() == null) {
            return conn.preparedQuery(ReportSql.INSERT_REPORT).execute(row).map(inserted -> (Long) null);
        }
        return conn.preparedQuery(ReportSql.INSERT_REPORT).execute(row)
                .compose(inserted -> conn.preparedQuery(PhotoSql.INSERT_PENDING).execute(Tuple.of(id,
                        Buffer.buffer(report.photo()), time(report.at()))))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The report joins its alert; its photo is listed there only once sanitised ({@link PendingPhotos}). */
    private Future<Void> attach(SqlConnection conn, NewReport report, long id, long alertId, boolean joined,
            Instant deadline) {
        return alerts.attachReport(conn, new ReportAttachment(alertId, id, null, joined,
                report.category().severity(), report.at(), deadline));
    }

    /** The report stored under this idempotency key hash, as its receipt (a replay). */
    public Future<Optional<ReportReceipt>> byKey(String keyHash) {
        return replay(ReportSql.BY_KEY, Tuple.of(keyHash));
    }

    /** The incident already stored for this system and its id, as its receipt (a replay). */
    public Future<Optional<ReportReceipt>> byIncident(String sourceSystem, String externalId) {
        return replay(ReportSql.BY_INCIDENT, Tuple.of(sourceSystem, externalId));
    }

    private Future<Optional<ReportReceipt>> replay(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new ReportReceipt(row.getLong("id"), row.getString("tracking_code"), path(row),
                    row.getLong("alert_id"), row.getBoolean("merged"), true, null));
        });
    }

    /**
     * The resident's view of a report; {@code unitName} names a grid unit by id (the store knows ids,
     * the grid knows names).
     */
    public Future<Optional<ReportStatus>> status(String trackingCode, Function<String, String> unitName) {
        return pool.preparedQuery(ReportSql.STATUS).execute(Tuple.of(trackingCode)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            Level level = Level.fromId(row.getString("level")).orElseThrow();
            return Optional.of(new ReportStatus(row.getString("tracking_code"),
                    Category.fromId(row.getString("category")).orElseThrow(),
                    row.getOffsetDateTime("created_at").toInstant(),
                    AlertStatus.fromId(row.getString("status")).orElseThrow(), level,
                    unitName.apply(path(row).at(level)), row.getString("photo_state")));
        });
    }

    public Future<Optional<StoredPhoto>> photo(long id, boolean thumb) {
        return pool.preparedQuery(thumb ? ReportSql.PHOTO_THUMB : ReportSql.PHOTO_FULL).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StoredPhoto(row.getBuffer("image").getBytes(), row.getString("cell_id"),
                            Set.of(row.getArrayOfStrings("departments"))));
                });
    }

    private static GridPath path(Row row) {
        return new GridPath(row.getString("district_id"), row.getString("subdistrict_id"),
                row.getString("community_id"), row.getString("sector_id"), row.getString("cell_id"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
