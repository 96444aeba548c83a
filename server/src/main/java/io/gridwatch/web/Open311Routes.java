package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.keys.Scope;
import io.gridwatch.open311.Open311Store;
import io.gridwatch.open311.RequestQuery;
import io.gridwatch.open311.ServiceRequest;
import io.gridwatch.report.Category;
import io.gridwatch.report.RemoteReport;
import io.gridwatch.report.ReportOrigin;
import io.gridwatch.report.ReportRequest;
import io.gridwatch.report.ReportService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Open311 GeoReport v2 under {@code /open311/v2/}, JSON only: {@code discovery.json}, {@code services.json},
 * {@code services/{code}.json}, {@code requests.json} (GET with the spec's filters; POST form-encoded with an
 * {@code api_key} of scope {@code open311}) and {@code requests/{id}.json}. Errors are the spec's
 * {@code [{"code": status, "description": text}]}. A request needs {@code lat} and {@code long}: gridwatch places
 * every report in a grid cell and does not geocode addresses. {@code media_url} is kept as a link, never fetched.
 */
final class Open311Routes {

    static final String BASE = "/open311/v2";
    private static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    private static final String CHANGESET = "2026-12-03T00:00:00Z";
    private static final int MAX_MEDIA_URL = 2000;

    private final ReportService reports;
    private final ApiKeys keys;
    private final Open311Store store;
    private final String jurisdiction;

    /** @param jurisdiction the district's grid id: the one jurisdiction this server answers for */
    Open311Routes(ReportService reports, ApiKeys keys, Open311Store store, String jurisdiction) {
        this.reports = reports;
        this.keys = keys;
        this.store = store;
        this.jurisdiction = jurisdiction;
    }

    void mount(Router router) {
        router.get(BASE + "/discovery.json").handler(this::discovery);
        router.get(BASE + "/services.json").handler(this::services);
        router.get(BASE + "/services/:file").handler(this::service);
        router.get(BASE + "/requests.json").handler(this::requests);
        router.post(BASE + "/requests.json").handler(this::post);
        router.get(BASE + "/requests/:file").handler(this::request);
        router.route(BASE + "/*").failureHandler(this::error);
    }

    private void discovery(RoutingContext ctx) {
        URI self = URI.create(ctx.request().absoluteURI());
        String url = self.getScheme() + "://" + self.getRawAuthority() + BASE;
        reply(ctx, 200, new JsonObject().put("changeset", CHANGESET)
                .put("contact", "the gridwatch administrator of this district")
                .put("key_service", "an administrator issues keys of scope open311 (POST /api/keys)")
                .put("endpoints", new JsonArray().add(new JsonObject().put("specification", SPEC).put("url", url)
                        .put("changeset", CHANGESET).put("type", "production")
                        .put("formats", new JsonArray().add("application/json")))));
    }

    /** Each category, named in Chinese (or English for a client that prefers it) with the other in the description. */
    private void services(RoutingContext ctx) {
        checkJurisdiction(ctx);
        boolean english = prefersEnglish(ctx);
        JsonArray out = new JsonArray();
        for (Category category : Category.values()) {
            out.add(new JsonObject().put("service_code", category.id())
                    .put("service_name", english ? category.en() : category.zh())
                    .put("description", english ? category.zh() : category.en())
                    .put("metadata", false).put("type", "realtime")
                    .put("keywords", category.zh() + "," + category.en())
                    .put("group", category.family().name().toLowerCase(Locale.ROOT)));
        }
        reply(ctx, 200, out);
    }

    private void service(RoutingContext ctx) {
        checkJurisdiction(ctx);
        String code = jsonFile(ctx);
        Category category = Category.fromId(code).orElseThrow(() ->
                ClientError.notFound("service_code " + code + " was not found"));
        reply(ctx, 200, new JsonObject().put("service_code", category.id()).put("attributes", new JsonArray()));
    }

    private void requests(RoutingContext ctx) {
        checkJurisdiction(ctx);
        RequestQuery query = RequestQuery.parse(ctx.queryParams()::get);
        store.find(query).onSuccess(found -> reply(ctx, 200, json(found))).onFailure(ctx::fail);
    }

    private void request(RoutingContext ctx) {
        checkJurisdiction(ctx);
        String file = jsonFile(ctx);
        long id;
        try {
            id = Long.parseLong(file);
        } catch (NumberFormatException e) {
            throw ClientError.notFound("service_request_id " + file + " was not found");
        }
        store.find(new RequestQuery(List.of(id), null, null, null, null)).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(ClientError.notFound("service_request_id " + id + " was not found"));
                return;
            }
            reply(ctx, 200, json(found));
        }).onFailure(ctx::fail);
    }

    private void post(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        checkJurisdiction(form.get("jurisdiction_id"));
        String apiKey = form.get("api_key");
        if (apiKey == null || apiKey.isBlank()) {
            throw ClientError.forbidden("api_key was not provided");
        }
        keys.authenticate(apiKey, Scope.OPEN311)
                .recover(failure -> Future.failedFuture(failure instanceof ClientError client
                        && client.status() == 401 ? ClientError.forbidden("api_key is invalid") : failure))
                .compose(key -> reports.submit(remote(form, key.id())))
                .onSuccess(receipt -> reply(ctx, 200, new JsonArray().add(new JsonObject()
                        .put("service_request_id", Long.toString(receipt.id()))
                        .put("service_notice", "tracking code " + receipt.trackingCode())
                        .put("account_id", null))))
                .onFailure(ctx::fail);
    }

    /** The form as a report; the spec's errors for what is missing. */
    private static RemoteReport remote(MultiMap form, long keyId) {
        String code = form.get("service_code");
        if (code == null || code.isBlank()) {
            throw ClientError.badRequest("service_code was not provided");
        }
        Category category = Category.fromId(code.trim()).orElseThrow(() ->
                ClientError.notFound("service_code " + code + " was not found"));
        String lat = form.get("lat");
        String lon = form.get("long");
        if (blank(lat) || blank(lon)) {
            throw ClientError.badRequest(blank(form.get("address_string")) && blank(form.get("address_id"))
                    ? "location was not provided: send lat and long"
                    : "lat and long are required: this server places requests by coordinates and does not "
                            + "geocode address_string or address_id");
        }
        String description = form.get("description");
        description = blank(description) ? null : description.trim();
        if (description != null && description.length() > ReportRequest.MAX_DESCRIPTION) {
            throw ClientError.badRequest("description is longer than " + ReportRequest.MAX_DESCRIPTION + " characters");
        }
        return new RemoteReport(category, description, coordinate(lon, "long", 180), coordinate(lat, "lat", 90),
                Crs.WGS84, ReportOrigin.open311(keyId, mediaUrl(form.get("media_url")),
                        ReportRequest.phone(form.get("phone"))));
    }

    private static double coordinate(String text, String name, double limit) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Math.abs(value) <= limit) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ClientError.badRequest(name + " must be a number from -" + (int) limit + " to " + (int) limit);
    }

    /** Kept only as a link: an http(s) URL, never fetched by the server. */
    private static String mediaUrl(String text) {
        if (blank(text)) {
            return null;
        }
        String url = text.trim();
        try {
            URI uri = URI.create(url);
            if (url.length() <= MAX_MEDIA_URL && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ClientError.badRequest("media_url must be an http or https URL of at most " + MAX_MEDIA_URL
                + " characters");
    }

    private static JsonArray json(List<ServiceRequest> requests) {
        JsonArray out = new JsonArray();
        for (ServiceRequest r : requests) {
            out.add(new JsonObject()
                    .put("service_request_id", Long.toString(r.id()))
                    .put("status", r.closed() ? "closed" : "open")
                    .put("status_notes", null)
                    .put("service_name", r.category().zh())
                    .put("service_code", r.category().id())
                    .put("description", r.description())
                    .put("agency_responsible", r.agency())
                    .put("service_notice", null)
                    .put("requested_datetime", r.requested().toString())
                    .put("updated_datetime", r.updated().toString())
                    .put("expected_datetime", null)
                    .put("address", null)
                    .put("address_id", null)
                    .put("zipcode", null)
                    .put("lat", r.lat())
                    .put("long", r.lon())
                    .put("media_url", r.mediaUrl()));
        }
        return out;
    }

    /** {@code 42.json} → {@code 42}; any other extension is not served (JSON only). */
    private static String jsonFile(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".json")) {
            throw ClientError.notFound("only the JSON format is served: use .json");
        }
        return file.substring(0, file.length() - ".json".length());
    }

    private void checkJurisdiction(RoutingContext ctx) {
        checkJurisdiction(ctx.queryParams().get("jurisdiction_id"));
    }

    private void checkJurisdiction(String given) {
        if (!blank(given) && !jurisdiction.equals(given.trim())) {
            throw ClientError.notFound("jurisdiction_id " + given + " was not found; this server answers for "
                    + jurisdiction);
        }
    }

    private static boolean prefersEnglish(RoutingContext ctx) {
        String locale = ctx.queryParams().get("locale");
        String accept = ctx.request().getHeader("Accept-Language");
        String wanted = !blank(locale) ? locale : accept == null ? "" : accept;
        return wanted.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The spec's error format, for every failure under the base path. */
    private void error(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        int status;
        String description;
        if (failure instanceof ClientError client) {
            // the spec speaks of 400, 403 and 404: a position outside the district is a bad request there
            status = client.status() == 422 ? 400 : client.status();
            description = client.getMessage();
        } else if (failure instanceof HttpException http) {
            status = http.getStatusCode();
            description = status == 404 ? "not found" : "request failed";
        } else if (failure == null) {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            description = status == 404 ? "not found" : "request failed";
        } else {
            ctx.next(); // the house's handler logs it and answers 500 or 503
            return;
        }
        reply(ctx, status, new JsonArray().add(new JsonObject().put("code", status).put("description", description)));
    }

    private static void reply(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(body instanceof JsonArray array ? array.encode() : ((JsonObject) body).encode());
    }
}
