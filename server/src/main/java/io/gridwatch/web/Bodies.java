package io.gridwatch.web;

import io.gridwatch.error.ClientError;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Request and response bodies, with client errors for what cannot be read. */
final class Bodies {

    /** The range of dates a query may name. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Bodies() {
    }

    /** The body as a JSON object or array, every string checked by {@link InputText}, no key twice. */
    static Object json(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ClientError.badRequest("the request needs a JSON body");
        }
        Object value = StrictJson.decode(text);
        if (!(value instanceof JsonObject) && !(value instanceof JsonArray)) {
            throw ClientError.badRequest("the body must be a JSON object or array");
        }
        return value;
    }

    static JsonObject object(RoutingContext ctx) {
        if (!(json(ctx) instanceof JsonObject object)) {
            throw ClientError.badRequest("the body must be a JSON object");
        }
        return object;
    }

    /** A body that is one item or an array of them, each parsed; {@code single} says which it was. */
    record Items<T>(boolean single, List<T> items) {
    }

    /**
     * Reads one JSON object, or an array of 1 to {@code max} of them, through {@code parse}; error
     * messages name the item ({@code "device 3: …"}).
     */
    static <T> Items<T> items(RoutingContext ctx, int max, String noun, BiFunction<JsonObject, String, T> parse) {
        Object body = json(ctx);
        if (body instanceof JsonObject single) {
            return new Items<>(true, List.of(parse.apply(single, "")));
        }
        JsonArray array = (JsonArray) body;
        if (array.isEmpty() || array.size() > max) {
            throw ClientError.badRequest("send 1 to " + max + " " + noun + " items, got " + array.size());
        }
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw ClientError.badRequest(noun + " " + i + ": must be a JSON object");
            }
            items.add(parse.apply(item, noun + " " + i + ": "));
        }
        return new Items<>(false, items);
    }

    /** 201 with one object for a single item, or the array for an array. */
    static void created(RoutingContext ctx, boolean single, JsonArray created) {
        ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                .end(single ? created.getJsonObject(0).encode() : created.encode());
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
        throw ClientError.badRequest(name + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-20T08:00:00Z}) from {@link #EARLIEST} to {@link #LATEST}, or null when the
     * parameter is absent: arithmetic on instants near Java's limits throws, and PostgreSQL's range is narrower.
     */
    static Instant instantParam(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ClientError.badRequest(name + " must be an ISO-8601 instant from " + EARLIEST + " to " + LATEST
                + " such as 2026-11-20T08:00:00Z, got \"" + value + "\"");
    }

    static void ok(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("content-type", "application/json").end(body.encode());
    }
}
