package io.gridwatch.keys;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.error.ClientError;
import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys for other systems: issued by an admin ({@code gwk_<id>_<secret>}, shown once, stored as a salted hash of the
 * secret), listed without the secret, revoked at once (every use reads the key's row, so nothing caches a revoked
 * key). Thread-safe.
 */
public final class ApiKeys {

    private static final Pattern FORMAT = Pattern.compile("gwk_(\\d{1,18})_([A-Za-z0-9_-]{43})");

    /** A new key, as its creator sees it once. */
    public record Issued(long id, String key) {
    }

    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param body {@code {"name","scopes":[…],"notify"?:{"url","format","secret"?}}}
     * @throws ClientError 400 naming what is wrong
     */
    public Future<Issued> issue(JsonObject body, String createdBy) {
        String name = body.getValue("name") instanceof String s ? s.trim() : null;
        if (name == null || name.isEmpty() || name.length() > 100) {
            throw ClientError.badRequest("name is required: the system the key is for (1 to 100 characters)");
        }
        Set<Scope> scopes = scopes(body.getValue("scopes"));
        Object given = body.getValue("notify");
        JsonObject notify = given == null ? null : target(NotifyTarget.parse(given, ""));
        String secret = SecretHasher.newToken();
        return store.insert(name, scopes, SecretHasher.hashToken(secret), notify, createdBy, now())
                .map(id -> new Issued(id, "gwk_" + id + "_" + secret));
    }

    public Future<List<ApiKey>> list() {
        return store.list();
    }

    /** @return false when there is no such key */
    public Future<Boolean> revoke(long id) {
        return store.revoke(id, now());
    }

    /**
     * The key a request presents, if it is valid, not revoked and has the scope.
     *
     * @throws ClientError (in the future) 401 for a missing, malformed, unknown or revoked key; 403 for a key without
     *     the scope
     */
    public Future<ApiKey> authenticate(String presented, Scope scope) {
        Matcher parts = presented == null ? null : FORMAT.matcher(presented.trim());
        if (parts == null || !parts.matches()) {
            return Future.failedFuture(ClientError.unauthorized("a valid API key is required"));
        }
        return store.find(Long.parseLong(parts.group(1))).compose(found -> {
            if (found.isEmpty() || found.get().key().revokedAt() != null
                    || !SecretHasher.matches(found.get().hash(), parts.group(2))) {
                return Future.failedFuture(ClientError.unauthorized("the API key is unknown or revoked"));
            }
            ApiKey key = found.get().key();
            if (!key.allows(scope)) {
                return Future.failedFuture(ClientError.forbidden("this key lacks the scope " + scope.id()));
            }
            return Future.succeededFuture(key);
        });
    }

    private static Set<Scope> scopes(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw ClientError.badRequest("scopes must be a non-empty array of \"open311\" and \"incidents\"");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (Object id : array) {
            scopes.add(Scope.fromId(String.valueOf(id)).orElseThrow(() ->
                    ClientError.badRequest("unknown scope \"" + id + "\"; use open311 or incidents")));
        }
        return scopes;
    }

    /** Stored as given (the secret too: signing needs it); shown without the secret. */
    private static JsonObject target(NotifyTarget target) {
        return new JsonObject().put("url", target.url()).put("format", target.format().id())
                .put("secret", target.secret());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
