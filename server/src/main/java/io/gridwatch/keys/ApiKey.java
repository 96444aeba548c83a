package io.gridwatch.keys;

import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * A key another system holds (never the key itself: only its hash is stored). Immutable.
 *
 * @param name the system it speaks for; an incident key's incidents carry it as their {@code source}
 * @param notifyTarget where status changes go back to ({@code {"url","format","secret"?}}), or null
 * @param revokedAt null while the key works
 */
public record ApiKey(long id, String name, Set<Scope> scopes, JsonObject notifyTarget, String createdBy, Instant createdAt,
        Instant revokedAt) {

    public boolean allows(Scope scope) {
        return revokedAt == null && scopes.contains(scope);
    }

    /** The listing's view: everything but the key and the notify secret. */
    public JsonObject toJson() {
        JsonObject out = new JsonObject().put("id", Long.toString(id)).put("name", name)
                .put("scopes", scopes.stream().map(Scope::id).sorted().toList())
                .put("created_by", createdBy).put("created_at", createdAt.toString())
                .put("revoked_at", revokedAt == null ? null : revokedAt.toString());
        if (notifyTarget != null) {
            out.put("notify", NotifyTarget.parse(notifyTarget, "").toPublicJson());
        }
        return out;
    }
}
