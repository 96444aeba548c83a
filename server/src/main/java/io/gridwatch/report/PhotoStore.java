package io.gridwatch.report;

import io.gridwatch.alert.AlertStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Residents' photos between the upload and the sanitiser, in PostgreSQL: the pending rows are the to-do list, taken
 * under a lease, so that any node may sanitise any photo and a restart loses none. A clean photo joins its report's
 * alert in the same transaction (through the {@link AlertStore}, the only writer of alerts). Thread-safe: no state
 * besides the pool.
 */
public final class PhotoStore {

    /** A pending photo taken by this sanitiser: the upload as it came, and how many times it has been taken. */
    record Claimed(byte[] raw, int attempts) {
    }

    private final Pool pool;
    private final AlertStore alerts;

    public PhotoStore(Pool pool, AlertStore alerts) {
        this.pool = pool;
        this.alerts = alerts;
    }

    /**
     * Empty when the photo is done already or another sanitiser holds it. {@code held}: the upload as this node still
     * has it in memory, so that 2 MB do not travel back from the database; null to read it from there.
     */
    Future<Optional<Claimed>> claim(long photoId, Duration lease, byte[] held) {
        String sql = held == null ? PhotoSql.CLAIM : PhotoSql.CLAIM_HELD;
        return pool.preparedQuery(sql).execute(Tuple.of(photoId, lease.toSeconds())).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            byte[] raw = held == null ? row.getBuffer("raw").getBytes() : held;
            return Optional.of(new Claimed(raw, row.getInteger("attempts")));
        });
    }

    /** Stores the clean photo and lists it in its alert; the id of that alert, empty when the photo was done already. */
    Future<Optional<Long>> clean(long photoId, SanitizedImage image) {
        return pool.withTransaction(conn -> conn.preparedQuery(PhotoSql.CLEAN).execute(Tuple.tuple()
                        .addLong(photoId).addInteger(image.width()).addInteger(image.height())
                        .addBuffer(Buffer.buffer(image.jpeg())).addInteger(image.thumbWidth())
                        .addInteger(image.thumbHeight()).addBuffer(Buffer.buffer(image.thumb())))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.<Long>empty());
                    }
                    long alertId = rows.iterator().next().getLong("alert_id");
                    return alerts.attachPhoto(conn, alertId, photoId).map(done -> Optional.of(alertId));
                }));
    }

    Future<Void> fail(long photoId, String why) {
        return pool.preparedQuery(PhotoSql.FAIL).execute(Tuple.of(photoId, why)).mapEmpty();
    }

    Future<List<Long>> backlog(int limit) {
        return pool.preparedQuery(PhotoSql.BACKLOG).execute(Tuple.of(limit)).map(rows -> {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }
}
