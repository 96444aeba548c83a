package io.gridwatch.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Request and response bodies, with client errors for what cannot be read. */
final class Bodies {

    private Bodies() {
    }

    /** The body as a JSON object or array. */
    static Object json(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new ApiException(400, "bad_json", "the body is not valid JSON");
        }
        if (!(value instanceof JsonObject) && !(value instanceof JsonArray)) {
            throw ApiException.badRequest("the body must be a JSON object or array");
        }
        return value;
    }

    static JsonObject object(RoutingContext ctx) {
        if (!(json(ctx) instanceof JsonObject object)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return object;
    }

    static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    }

    static void ok(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("content-type", "application/json").end(body.encode());
    }
}
