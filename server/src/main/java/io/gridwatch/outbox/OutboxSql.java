package io.gridwatch.outbox;

/** The SQL of the outbox, in one place ({@code $n} parameters). */
final class OutboxSql {

    private OutboxSql() {
    }

    /** $1 streams, $2 urls, $3 formats, $4 secrets, $5 bodies, $6 titles, $7 texts, $8 at. Ids follow array order. */
    static final String ENQUEUE = """
            INSERT INTO outbox (stream, url, format, secret, body, title, text, created_at, next_attempt_at)
            SELECT s, u, f, k, b::jsonb, t, x, $8, $8
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS m (s, u, f, k, b, t, x, n)
            ORDER BY n""";

    /**
     * Leases up to $2 messages until $3: only the head (lowest pending id) of each stream, due at $1 and not leased
     * by anyone else now. Rows another node is leasing at the same moment are skipped (SKIP LOCKED) and re-checked
     * after the lock, so a message is leased by one node at a time.
     */
    static final String LEASE = """
            WITH head AS (
                SELECT DISTINCT ON (stream) id FROM outbox
                WHERE sent_at IS NULL AND dead_at IS NULL
                ORDER BY stream, id
            ), claimable AS (
                SELECT o.id FROM outbox o JOIN head h ON h.id = o.id
                WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= $1
                  AND (o.leased_until IS NULL OR o.leased_until < $1)
                ORDER BY o.id
                LIMIT $2
                FOR UPDATE OF o SKIP LOCKED
            )
            UPDATE outbox o SET leased_until = $3 FROM claimable c WHERE o.id = c.id
            RETURNING o.id, o.stream, o.url, o.format, o.secret, o.body, o.title, o.text, o.attempts""";

    /** $1 id, $2 at. */
    static final String SENT = """
            UPDATE outbox SET sent_at = $2, attempts = attempts + 1, leased_until = NULL, last_error = NULL
            WHERE id = $1""";

    /** $1 id, $2 next attempt, $3 error, $4 dead at (null: try again). */
    static final String FAILED = """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, dead_at = $4,
                leased_until = NULL
            WHERE id = $1""";

    static final String PENDING = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL";
}
