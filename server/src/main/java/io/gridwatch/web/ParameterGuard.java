package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.Locale;
import java.util.Map;

/**
 * First on every request: the path and the query parameters pass {@link InputText} before any route
 * reads them ({@code GET /api/devices/%00} is a 400, not a database error). A platform handler, so
 * that it runs before the body is read.
 */
final class ParameterGuard implements PlatformHandler {

    @Override
    public void handle(RoutingContext ctx) {
        // path parameters are decoded from the raw path when a route matches: refuse the encoded NUL here
        if (ctx.request().path() != null && ctx.request().path().toLowerCase(Locale.ROOT).contains("%00")) {
            throw ClientError.badRequest("the path must not contain a NUL character (%00)");
        }
        for (Map.Entry<String, String> parameter : ctx.queryParams()) {
            InputText.check("the name of a query parameter", parameter.getKey());
            InputText.check("query parameter " + parameter.getKey(), parameter.getValue());
        }
        ctx.next();
    }
}
