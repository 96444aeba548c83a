package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.keys.ApiKey;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.keys.Scope;
import io.gridwatch.report.Category;
import io.gridwatch.report.RemoteReport;
import io.gridwatch.report.ReportOrigin;
import io.gridwatch.report.ReportRequest;
import io.gridwatch.report.ReportService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Incidents handed over by other systems (非警务警情流转: 110, the 12345 hotline): {@code POST /api/incidents} with
 * {@code Authorization: ApiKey KEY}, a key of scope {@code incidents} whose name is the system's {@code source}.
 * One case per (source, external_id): the first time 201, again 200 with the same case. Mount before the log-in
 * handler of {@code /api}: systems present keys, not log-ins.
 */
final class IncidentRoutes {

    private static final int MAX_EXTERNAL_ID = 200;

    private final ReportService reports;
    private final ApiKeys keys;

    IncidentRoutes(ReportService reports, ApiKeys keys) {
        this.reports = reports;
        this.keys = keys;
    }

    void mount(Router router) {
        router.post("/api/incidents").handler(this::handOver);
    }

    private void handOver(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "ApiKey ", 0, 7) ? header.substring(7) : null;
        keys.authenticate(presented, Scope.INCIDENTS)
                .compose(key -> reports.submit(incident(Bodies.object(ctx), key)))
                .onSuccess(receipt -> ctx.response().setStatusCode(receipt.replay() ? 200 : 201)
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("alert_id", Long.toString(receipt.alertId()))
                                .put("path", new JsonObject(new LinkedHashMap<>(receipt.path().asMap())))
                                .encode()))
                .onFailure(ctx::fail);
    }

    /** @throws ClientError 400 for a field that cannot be read, 403 for another system's source */
    static RemoteReport incident(JsonObject body, ApiKey key) {
        String source = text(body, "source", 100);
        if (!source.equals(key.name())) {
            throw ClientError.forbidden("this key speaks for the system \"" + key.name() + "\", not \"" + source + "\"");
        }
        String externalId = text(body, "external_id", MAX_EXTERNAL_ID);
        String categoryId = text(body, "category", 50).toLowerCase(Locale.ROOT);
        Category category = Category.fromId(categoryId).orElseThrow(() ->
                ClientError.badRequest("unknown category \"" + categoryId + "\"; see GET /api/reports/categories"));
        String description = text(body, "description", ReportRequest.MAX_DESCRIPTION);
        Instant reportedAt;
        try {
            reportedAt = Instant.parse(text(body, "reported_at", 64));
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("reported_at must be an ISO-8601 instant such as 2026-12-03T08:00:00Z");
        }
        Crs crs = Crs.WGS84;
        if (body.getValue("crs") != null) {
            try {
                crs = Crs.parse(String.valueOf(body.getValue("crs")));
            } catch (IllegalArgumentException e) {
                throw ClientError.badRequest("crs: " + e.getMessage());
            }
        }
        return new RemoteReport(category, description, number(body, "lon", 180), number(body, "lat", 90), crs,
                ReportOrigin.incident(key.id(), source, externalId, reportedAt));
    }

    private static String text(JsonObject body, String name, int max) {
        if (!(body.getValue(name) instanceof String value) || value.isBlank()) {
            throw ClientError.badRequest(name + " is required (text)");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw ClientError.badRequest(name + " is longer than " + max + " characters");
        }
        return trimmed;
    }

    private static double number(JsonObject body, String name, double limit) {
        if (body.getValue(name) instanceof Number n && Double.isFinite(n.doubleValue())
                && Math.abs(n.doubleValue()) <= limit) {
            return n.doubleValue();
        }
        throw ClientError.badRequest(name + " must be a number from -" + (int) limit + " to " + (int) limit);
    }
}
