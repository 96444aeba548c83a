package io.gridwatch.web;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure on the router to a JSON error body; server errors are logged, client errors not. */
final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ApiException error = toApiException(ctx);
        ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", error.code()).put("message", error.getMessage()).encode());
    }

    private static ApiException toApiException(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof DecodeException) {
            return new ApiException(400, "bad_json", "the body is not valid JSON");
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
            return new ApiException(503, "database_unavailable", "the database is unavailable; try again shortly");
        }
        LOG.error("request failed [method: {}, path: {}]", ctx.request().method(), ctx.normalizedPath(), failure);
        return new ApiException(500, "internal", "internal error");
    }

    /** Failures that the router or a Vert.x handler raised with a bare status code. */
    private static ApiException fromStatus(int status) {
        return switch (status) {
            case 401 -> ApiException.unauthorized("log in first (Authorization: Bearer <token>)");
            case 403 -> ApiException.forbidden("not allowed");
            case 404 -> ApiException.notFound("no such resource");
            case 413 -> new ApiException(413, "too_large", "the request body is too large");
            default -> new ApiException(status, status >= 500 ? "internal" : "error", "request failed");
        };
    }
}
