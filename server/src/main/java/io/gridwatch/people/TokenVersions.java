package io.gridwatch.people;

import io.gridwatch.cluster.Changes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which log-in tokens still count, held in memory so that checking one costs no query: each enabled
 * person's token version (moved by the database on every change to the person, V16). A token carries
 * the version it was issued at ({@code tv}); a different one, a disabled or deleted person, a token
 * without {@code exp} or living longer than a log-in does, is refused.
 *
 * <p>Every node learns of changes from the database, whichever node (or hand) made them: it reads one
 * revision number each {@link #POLL} and reloads the versions only when the number moved; the node that
 * made a change refreshes at once. When a person's version moves, a local event on
 * {@link #revokedAddress} tells their open websockets to close. Thread-safe.
 */
public final class TokenVersions {

    private static final Logger LOG = LoggerFactory.getLogger(TokenVersions.class);
    /** How late another node's change may be noticed here. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** Clock skew allowed between the node that issued a token and this one. */
    private static final long SKEW_SECONDS = 60;

    private final Vertx vertx;
    private final PeopleStore store;
    private final Changes changes;
    private volatile Map<String, Integer> versions = Map.of();
    private final AtomicLong revision = new AtomicLong(Long.MIN_VALUE);
    /** Revocations stay on this node: every node sees the revision move and tells its own websockets. */
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

    /** @param changes where a change made on this node is announced to the others, and theirs heard */
    public TokenVersions(Vertx vertx, PeopleStore store, Changes changes) {
        this.vertx = vertx;
        this.store = store;
        this.changes = changes;
    }

    /**
     * Loads the versions, then polls the database's revision every {@link #POLL} (which also heals an announcement
     * that never arrived), and refreshes at once when another node announces a change to people.
     */
    public Future<Void> start() {
        changes.on(Changes.Topic.PEOPLE, ids -> refresh()
                .onFailure(e -> LOG.debug("cannot refresh token versions: {}", e.getMessage())));
        return refresh().onSuccess(v -> vertx.setPeriodic(POLL.toMillis(), id -> refresh()
                .onFailure(e -> LOG.debug("cannot refresh token versions: {}", e.getMessage()))));
    }

    /** After a change to people made on this node: refreshes here at once and tells the other nodes. */
    public Future<Void> changedHere() {
        return refresh().onComplete(done -> changes.announce(Changes.Topic.PEOPLE));
    }

    /** Reloads the versions when the people table changed since the last look. */
    public Future<Void> refresh() {
        return store.revision().compose(now -> {
            long seen = revision.get();
            if (now == seen) {
                return Future.succeededFuture();
            }
            return store.tokenVersions().map(loaded -> {
                if (revision.compareAndSet(seen, now)) {
                    Map<String, Integer> before = versions;
                    versions = Map.copyOf(loaded);
                    before.forEach((username, version) -> {
                        if (!version.equals(loaded.get(username))) {
                            vertx.eventBus().publish(revokedAddress(username), username, LOCAL);
                        }
                    });
                }
                return null;
            });
        });
    }

    /** Whether these verified claims still stand: a known, enabled person at this version, with a proper expiry. */
    public boolean accepts(JsonObject claims, long nowEpochSeconds) {
        if (!(claims.getValue("exp") instanceof Number exp) || !(claims.getValue("iat") instanceof Number iat)
                || !(claims.getValue("tv") instanceof Number tv) || !(claims.getValue("sub") instanceof String sub)) {
            return false;
        }
        long lifetime = exp.longValue() - iat.longValue();
        if (lifetime <= 0 || lifetime > LoginService.TOKEN_MINUTES * 60L
                || iat.longValue() > nowEpochSeconds + SKEW_SECONDS || exp.longValue() <= nowEpochSeconds) {
            return false;
        }
        Integer current = versions.get(sub);
        return current != null && current == tv.intValue();
    }

    /**
     * The token's claims as signed: Vert.x keeps {@code exp} and {@code iat} among the user's attributes (the decoded
     * token under {@code accessToken}) rather than in the principal.
     */
    public static JsonObject claims(User user) {
        JsonObject claims = user.principal().copy();
        JsonObject token = user.attributes().getJsonObject("accessToken");
        for (String name : new String[] {"exp", "iat"}) {
            Object value = token != null && token.containsKey(name) ? token.getValue(name) : user.attributes().getValue(name);
            if (!claims.containsKey(name) && value != null) {
                claims.put(name, value);
            }
        }
        return claims;
    }

    /** Where the event that a person's tokens were revoked is published, on this node. */
    public static String revokedAddress(String username) {
        return "gridwatch.tokens.revoked." + username;
    }
}
