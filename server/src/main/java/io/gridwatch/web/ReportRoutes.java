package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.report.Category;
import io.gridwatch.report.ReportReceipt;
import io.gridwatch.report.ReportRequest;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.ReportStatus;
import io.gridwatch.report.Tracking;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Snap-and-report for residents, without log-in: {@code POST /api/reports} (multipart),
 * {@code GET /api/reports/categories}, {@code GET /api/reports/{tracking_code}} (with the case's timeline); look-ups are rate-limited per address. Mount before the
 * API-wide body handler and the JWT handler: the upload has a body limit of its own, and residents
 * are anonymous.
 *
 * <p>An upload is counted against its address's rate before its body is read; the body handler
 * writes the file under a generated name in the uploads directory (the client's file name is never
 * used) and deletes it when the response ends, whatever the outcome.
 */
final class ReportRoutes {

    /** Room for the form fields and multipart framing around the photo. */
    private static final long FORM_OVERHEAD = 64 * 1024;

    /** Tracking-code look-ups per address per minute: plenty for a person, too few to enumerate codes. */
    static final int LOOKUPS_PER_MINUTE = 30;

    private final ReportService reports;
    private final Tracking tracking;
    private final LoginThrottle throttle;
    private final LoginThrottle lookups = LoginThrottle.perMinute(LOOKUPS_PER_MINUTE, System::nanoTime);
    private final long maxPhotoBytes;
    private final String uploadsDirectory;

    ReportRoutes(ReportService reports, Tracking tracking, int perMinute, long maxPhotoBytes,
            String uploadsDirectory) {
        this.reports = reports;
        this.tracking = tracking;
        this.throttle = LoginThrottle.perMinute(perMinute, System::nanoTime);
        this.maxPhotoBytes = maxPhotoBytes;
        this.uploadsDirectory = uploadsDirectory;
    }

    void mount(Router router) {
        // a security-policy handler, so that Vert.x lets it run before the body is read
        router.post("/api/reports").handler((SecurityPolicyHandler) this::throttle)
                .handler(BodyHandler.create(uploadsDirectory).setBodyLimit(maxPhotoBytes + FORM_OVERHEAD)
                        .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true))
                .handler(this::submit);
        router.get("/api/reports/categories").handler(this::categories);
        router.get("/api/reports/:code").handler(this::limitLookups).handler(this::status);
    }

    private void throttle(RoutingContext ctx) {
        if (!throttle.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
            throw new ClientError(429, "too_many_requests", "too many reports from this address; wait a minute");
        }
        ctx.next();
    }

    private void limitLookups(RoutingContext ctx) {
        if (!lookups.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
            throw new ClientError(429, "too_many_requests", "too many look-ups from this address; wait a minute");
        }
        ctx.next();
    }

    private void submit(RoutingContext ctx) {
        List<FileUpload> files = ctx.fileUploads();
        if (files.size() != 1 || !"photo".equals(files.get(0).name())) {
            throw ClientError.badRequest("send one photo (JPEG or PNG) in the multipart field \"photo\"");
        }
        FileUpload photo = files.get(0);
        if (photo.size() > maxPhotoBytes) {
            throw new ClientError(413, "too_large", "the photo is larger than " + maxPhotoBytes + " bytes");
        }
        if (photo.size() == 0) {
            throw ClientError.badRequest("the photo is empty");
        }
        ReportRequest request = ReportRequest.parse(ctx.request().formAttributes()::get,
                ctx.request().getHeader("Idempotency-Key"));
        reports.submit(request, Path.of(photo.uploadedFileName())).onSuccess(receipt -> ctx.response()
                // a retry with the same Idempotency-Key gets the first report back, with 200
                .setStatusCode(receipt.replay() ? 200 : 201)
                .putHeader("content-type", "application/json")
                .end(receipt(receipt).encode())).onFailure(ctx::fail);
    }

    private static JsonObject receipt(ReportReceipt receipt) {
        return new JsonObject()
                .put("id", Long.toString(receipt.id()))
                .put("tracking_code", receipt.trackingCode())
                .put("path", new JsonObject(new LinkedHashMap<>(receipt.path().asMap())))
                .put("alert_id", Long.toString(receipt.alertId()))
                .put("merged", receipt.merged());
    }

    private void categories(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (Category category : Category.values()) {
            out.add(new JsonObject().put("id", category.id()).put("zh", category.zh()).put("en", category.en())
                    .put("severity", category.severity().id()));
        }
        Bodies.ok(ctx, new JsonObject().put("categories", out));
    }

    private void status(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        reports.status(code).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ClientError.notFound("no report with that tracking code"));
            }
            ReportStatus status = found.get();
            return tracking.timeline(code, status.createdAt()).map(steps -> view(status, steps));
        }).onSuccess(view -> {
            ctx.response().putHeader("cache-control", "no-store");
            Bodies.ok(ctx, view);
        }).onFailure(ctx::fail);
    }

    /** The resident's view: no staff names, phones or notes. */
    private static JsonObject view(ReportStatus status, List<Tracking.Step> steps) {
        JsonArray timeline = new JsonArray();
        steps.forEach(step -> timeline.add(new JsonObject().put("step", step.step()).put("at", step.at().toString())));
        return residentView(status).put("timeline", timeline);
    }

    private static JsonObject residentView(ReportStatus status) {
        Category category = status.category();
        return new JsonObject()
                .put("tracking_code", status.trackingCode())
                .put("status", status.status().id())
                .put("category", category.id())
                .put("category_label", new JsonObject().put("zh", category.zh()).put("en", category.en()))
                .put("created_at", status.createdAt().toString())
                .put("responsible_unit", new JsonObject().put("level", status.level().id())
                        .put("name", status.unitName()));
    }
}
