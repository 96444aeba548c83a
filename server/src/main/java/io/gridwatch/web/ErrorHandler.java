package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: {@code {"error": code, "message": text}} with the
 * status. Client errors are not logged; a database outage is a 503 with one warning line; anything
 * else is a 500, logged with its stack.
 */
final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    /** What the client is told. */
    private record ErrorBody(int status, String code, String message) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ErrorBody error = describe(ctx);
        ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", error.code()).put("message", error.message()).encode());
    }

    private static ErrorBody describe(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ClientError client) {
            return new ErrorBody(client.status(), client.code(), client.getMessage());
        }
        if (failure instanceof DecodeException) {
            return new ErrorBody(400, "bad_json", "the body is not valid JSON");
        }
        if (isMultipartFailure(failure)) {
            return new ErrorBody(400, "bad_multipart", "the multipart form could not be read (boundary, field names "
                    + "and file names must be present and short)");
        }
        if (failure instanceof HttpException http) {
            return fromStatus(http.getStatusCode());
        }
        if (failure == null) {
            return fromStatus(ctx.statusCode() > 0 ? ctx.statusCode() : 500);
        }
        if (DatabaseFailures.isUnavailable(failure)) {
            LOG.warn("database unavailable [method: {}, path: {}]: {}", ctx.request().method(), ctx.normalizedPath(),
                    failure.getMessage());
            return new ErrorBody(503, "database_unavailable", "the database is unavailable; try again shortly");
        }
        LOG.error("request failed [method: {}, path: {}]", ctx.request().method(), ctx.normalizedPath(), failure);
        return new ErrorBody(500, "internal", "internal error");
    }

    /** Netty's multipart decoder refuses a form (no boundary, a header or file name too long, too many fields). */
    private static boolean isMultipartFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.netty.handler.codec.http.multipart.")) {
                return true;
            }
        }
        return false;
    }

    /** Failures that the router or a Vert.x handler raised with a bare status code. */
    private static ErrorBody fromStatus(int status) {
        return switch (status) {
            case 401 -> new ErrorBody(401, "unauthorized", "log in first (Authorization: Bearer <token>)");
            case 403 -> new ErrorBody(403, "forbidden", "not allowed");
            case 404 -> new ErrorBody(404, "not_found", "no such resource");
            case 413 -> new ErrorBody(413, "too_large", "the request body is too large");
            default -> new ErrorBody(status, status >= 500 ? "internal" : "error", "request failed");
        };
    }
}
