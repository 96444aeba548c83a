package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.people.TokenVersions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * After the JWT's signature was verified: refuses a token that no longer counts (the person changed,
 * was disabled or deleted since it was issued; no expiry, or a longer one than a log-in gives), from
 * memory, without a query.
 */
final class TokenCheck implements Handler<RoutingContext> {

    private final TokenVersions tokens;

    TokenCheck(TokenVersions tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.user() == null || !tokens.accepts(TokenVersions.claims(ctx.user()), System.currentTimeMillis() / 1000)) {
            throw ClientError.unauthorized("the token is no longer valid (revoked, or without a proper expiry); log in again");
        }
        ctx.next();
    }
}
