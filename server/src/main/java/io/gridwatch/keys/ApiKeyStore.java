package io.gridwatch.keys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** API keys in PostgreSQL (vertx-pg-client; never blocks). Thread-safe: no state besides the pool. */
public final class ApiKeyStore {

    /** A stored key with its hash, for checking a presented key. */
    record Stored(ApiKey key, String hash) {
    }

    private final Pool pool;

    public ApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    Future<Long> insert(String name, Set<Scope> scopes, String hash, JsonObject notify, String createdBy,
            Instant at) {
        return pool.preparedQuery(ApiKeySql.INSERT).execute(Tuple.of(name,
                        scopes.stream().map(Scope::id).toArray(String[]::new), hash, notify, createdBy,
                        at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Future<List<ApiKey>> list() {
        return pool.preparedQuery(ApiKeySql.LIST).execute().map(rows -> {
            List<ApiKey> keys = new ArrayList<>(rows.size());
            rows.forEach(row -> keys.add(stored(row).key()));
            return keys;
        });
    }

    Future<Optional<Stored>> find(long id) {
        return pool.preparedQuery(ApiKeySql.FIND).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** @return whether such a key exists (revoked now, or before) */
    Future<Boolean> revoke(long id, Instant at) {
        return pool.preparedQuery(ApiKeySql.REVOKE).execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() > 0);
    }

    private static Stored stored(Row row) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String id : row.getArrayOfStrings("scopes")) {
            Scope.fromId(id).ifPresent(scopes::add);
        }
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        Object notify = row.getValue("notify");
        return new Stored(new ApiKey(row.getLong("id"), row.getString("name"), scopes,
                notify instanceof JsonObject json ? json : null, row.getString("created_by"),
                row.getOffsetDateTime("created_at").toInstant(), revoked == null ? null : revoked.toInstant()),
                row.getString("key_hash"));
    }
}
