package io.gridwatch.keys;

/** The SQL of the key store, in one place ({@code $n} parameters). */
final class ApiKeySql {

    private ApiKeySql() {
    }

    static final String COLUMNS = "id, name, scopes, key_hash, notify, created_by, created_at, revoked_at";

    /** $1 name, $2 scopes, $3 hash, $4 notify, $5 created by, $6 at. */
    static final String INSERT = """
            INSERT INTO api_keys (name, scopes, key_hash, notify, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";

    static final String LIST = "SELECT " + COLUMNS + " FROM api_keys ORDER BY id";

    static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = $1";

    /** $1 id, $2 at. Revoking twice keeps the first time. */
    static final String REVOKE = """
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING id""";
}
