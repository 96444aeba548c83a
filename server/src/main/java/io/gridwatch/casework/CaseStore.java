package io.gridwatch.casework;

import io.gridwatch.alert.AlertStatus;
import io.gridwatch.geo.model.Level;
import io.gridwatch.outbox.NotifyTarget;
import io.gridwatch.report.SanitizedImage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatches of cases, their photos and the grid units' notify URLs in PostgreSQL (vertx-pg-client; never
 * blocks). The writes run on the caller's transaction, in which the caller has locked the case's alert first (the
 * alert row is the case's lock). Thread-safe: no state besides the pool.
 */
public final class CaseStore {

    /** A handling photo's JPEG, the alert it belongs to and every department the alert was dispatched to. */
    public record StoredPhoto(byte[] jpeg, long alertId, List<String> departments) {
    }

    private final Pool pool;

    public CaseStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The case's dispatch that was not returned, if any. */
    public Future<Optional<Dispatch>> live(SqlClient client, long alertId) {
        return client.preparedQuery(CaseSql.LIVE).execute(Tuple.of(alertId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(dispatch(rows.iterator().next())));
    }

    Future<Dispatch> byId(SqlClient client, long dispatchId) {
        return client.preparedQuery(CaseSql.BY_ID).execute(Tuple.of(dispatchId))
                .map(rows -> dispatch(rows.iterator().next()));
    }

    /** The category of the alert's first report, empty for an alert no report opened. */
    Future<Optional<String>> firstCategory(SqlClient client, long alertId) {
        return client.preparedQuery(CaseSql.FIRST_CATEGORY).execute(Tuple.of(alertId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** The latest dispatch of each of these alerts that has one. */
    public Future<Map<Long, Dispatch>> latest(List<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return pool.preparedQuery(CaseSql.LATEST).execute(Tuple.of(alertIds.toArray(Long[]::new))).map(rows -> {
            Map<Long, Dispatch> byAlert = new HashMap<>();
            rows.forEach(row -> {
                Dispatch dispatch = dispatch(row);
                byAlert.put(dispatch.alertId(), dispatch);
            });
            return byAlert;
        });
    }

    Future<Long> insert(SqlClient client, long alertId, String department, String by, Level level, String note,
            Instant at, Instant due) {
        return client.preparedQuery(CaseSql.INSERT).execute(Tuple.tuple().addLong(alertId).addString(department)
                        .addString(by).addString(level.id()).addString(note).addOffsetDateTime(time(at))
                        .addOffsetDateTime(time(due)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Future<Void> update(SqlClient client, String sql, Tuple params) {
        return client.preparedQuery(sql).execute(params).mapEmpty();
    }

    /** Stores the photos in order, one after the other (their ids follow that order). */
    Future<Void> addPhotos(SqlClient client, long dispatchId, long alertId, List<SanitizedImage> photos) {
        Future<Void> chain = Future.succeededFuture();
        for (SanitizedImage image : photos) {
            chain = chain.compose(previous -> client.preparedQuery(CaseSql.INSERT_PHOTO).execute(Tuple.tuple()
                    .addLong(dispatchId).addLong(alertId).addInteger(image.width()).addInteger(image.height())
                    .addBuffer(Buffer.buffer(image.jpeg())).addInteger(image.thumbWidth())
                    .addInteger(image.thumbHeight()).addBuffer(Buffer.buffer(image.thumb()))).mapEmpty());
        }
        return chain;
    }

    /** The ids of alerts whose overdue is due, locked for the caller's transaction (see {@link CaseSql#CLAIM_OVERDUE}). */
    Future<List<Long>> claimOverdue(SqlClient client, Instant now, int limit) {
        return client.preparedQuery(CaseSql.CLAIM_OVERDUE).execute(Tuple.of(time(now), limit)).map(rows -> {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }

    /** The ids of a department's live, unresolved cases, the newest dispatch first. */
    public Future<List<Long>> openOf(String department, int limit) {
        return ids(CaseSql.OPEN_OF_DEPARTMENT, Tuple.of(department, limit));
    }

    /** The ids of the cases whose latest dispatch went to the department, in these statuses. */
    public Future<List<Long>> ofDepartment(String department, List<AlertStatus> statuses, int limit) {
        return ids(CaseSql.OF_DEPARTMENT, Tuple.of(department,
                statuses.stream().map(AlertStatus::id).toArray(String[]::new), limit));
    }

    public Future<Optional<StoredPhoto>> photo(long id, boolean thumb) {
        return pool.preparedQuery(CaseSql.PHOTO.formatted(thumb ? "thumb" : "bytes")).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    String[] departments = row.getArrayOfStrings("departments");
                    return Optional.of(new StoredPhoto(row.getBuffer("image").getBytes(), row.getLong("alert_id"),
                            departments == null ? List.of() : Arrays.asList(departments)));
                });
    }

    /** The notify targets of the grid units with these ids, by unit id. */
    Future<Map<String, NotifyTarget>> unitTargets(SqlClient client, List<String> unitIds) {
        return client.preparedQuery(CaseSql.UNIT_NOTIFY).execute(Tuple.of(unitIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, NotifyTarget> targets = new java.util.LinkedHashMap<>();
                    rows.forEach(row -> targets.put(row.getString("unit_id"), new NotifyTarget(
                            row.getString("notify_url"),
                            NotifyTarget.Format.fromId(row.getString("notify_format")).orElseThrow(),
                            row.getString("notify_secret"))));
                    return targets;
                });
    }

    /** Sets (or, with null, removes) a grid unit's notify target. */
    public Future<Void> setUnitTarget(String unitId, NotifyTarget target) {
        if (target == null) {
            return pool.preparedQuery(CaseSql.DELETE_UNIT_NOTIFY).execute(Tuple.of(unitId)).mapEmpty();
        }
        return pool.preparedQuery(CaseSql.SET_UNIT_NOTIFY)
                .execute(Tuple.of(unitId, target.url(), target.format().id(), target.secret())).mapEmpty();
    }

    private Future<List<Long>> ids(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }

    private static Dispatch dispatch(Row row) {
        Long[] photos = row.getArrayOfLongs("photo_ids");
        return new Dispatch(row.getLong("id"), row.getLong("alert_id"), row.getString("department_id"),
                row.getString("department_name"), row.getString("dispatched_by"),
                Level.fromId(row.getString("dispatch_level")).orElseThrow(), row.getString("note"),
                instant(row, "dispatched_at"), instant(row, "due_at"), instant(row, "accepted_at"),
                row.getString("accepted_by"), instant(row, "handled_at"), row.getString("handled_by"),
                row.getString("handle_note"), row.getBoolean("shared"), instant(row, "returned_at"), row.getString("return_reason"),
                instant(row, "overdue_at"), instant(row, "verified_at"), row.getString("verified_by"),
                photos == null ? List.of() : Arrays.asList(photos));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
