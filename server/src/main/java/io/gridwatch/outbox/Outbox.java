package io.gridwatch.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox in PostgreSQL: {@link #enqueue} writes messages on the caller's connection, inside the
 * caller's transaction, so that they exist exactly when the change they report committed; {@link OutboxRelay}
 * delivers them later. Never send from inside the transaction.
 *
 * <p>Thread-safe: no state besides the pool; several nodes share one outbox (see {@link OutboxSql#LEASE}).
 */
public final class Outbox {

    private final Pool pool;

    public Outbox(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds the messages in the caller's transaction, in list order (which is their order within a stream).
     * Nothing to add is a no-op.
     */
    public static Future<Void> enqueue(SqlClient transaction, List<Notification> messages, Instant at) {
        if (messages.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = messages.size();
        String[] streams = new String[n];
        String[] urls = new String[n];
        String[] formats = new String[n];
        String[] secrets = new String[n];
        String[] bodies = new String[n];
        String[] titles = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            Notification m = messages.get(i);
            streams[i] = m.stream();
            urls[i] = m.target().url();
            formats[i] = m.target().format().id();
            secrets[i] = m.target().secret();
            bodies[i] = m.body().encode();
            titles[i] = m.title();
            texts[i] = m.text();
        }
        return transaction.preparedQuery(OutboxSql.ENQUEUE)
                .execute(Tuple.of(streams, urls, formats, secrets, bodies, titles, texts).addOffsetDateTime(time(at)))
                .mapEmpty();
    }

    /** Leases the heads of streams that are due; see {@link OutboxSql#LEASE}. */
    Future<List<OutboxMessage>> lease(Instant now, int limit, Instant until) {
        return pool.preparedQuery(OutboxSql.LEASE).execute(Tuple.of(time(now), limit, time(until))).map(rows -> {
            List<OutboxMessage> leased = new ArrayList<>(rows.size());
            rows.forEach(row -> leased.add(message(row)));
            leased.sort((a, b) -> Long.compare(a.id(), b.id()));
            return leased;
        });
    }

    Future<Void> sent(long id, Instant at) {
        return pool.preparedQuery(OutboxSql.SENT).execute(Tuple.of(id, time(at))).mapEmpty();
    }

    /** @param deadAt when the message is given up, or null to try again at {@code next} */
    Future<Void> failed(long id, Instant next, String error, Instant deadAt) {
        return pool.preparedQuery(OutboxSql.FAILED).execute(Tuple.of(id, time(next), error, time(deadAt))).mapEmpty();
    }

    /** Messages neither delivered nor given up. */
    public Future<Long> pending() {
        return pool.query(OutboxSql.PENDING).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static OutboxMessage message(Row row) {
        NotifyTarget target = new NotifyTarget(row.getString("url"),
                NotifyTarget.Format.fromId(row.getString("format")).orElseThrow(), row.getString("secret"));
        return new OutboxMessage(row.getLong("id"), row.getString("stream"), target, row.getJsonObject("body"),
                row.getString("title"), row.getString("text"), row.getInteger("attempts"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
