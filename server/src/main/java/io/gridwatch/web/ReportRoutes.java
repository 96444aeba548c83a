package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.report.Category;
import io.gridwatch.report.ReportReceipt;
import io.gridwatch.report.ReportRequest;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.ReportStatus;
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
 * {@code GET /api/reports/categories}, {@code GET /api/reports/{tracking_code}}. Mount before the
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

    private final ReportService reports;
    private final LoginThrottle throttle;
    private final long maxPhotoBytes;
    private final String uploadsDirectory;

    ReportRoutes(ReportService reports, int perMinute, long maxPhotoBytes, String uploadsDirectory) {
        this.reports = reports;
        this.throttle = LoginThrottle.perMinute(perMinute, System::nanoTime);
        this.maxPhotoBytes = maxPhotoBytes;
        this.uploadsDirectory = uploadsDirectory;
    }

    void mount(Router router) {
        // a security-policy handler, so that Vert.x lets it run before the body is read
        router.post("/api/reports").handler((SecurityPolicyHandler) this::throttle)
                .handler(BodyHandler.create(uploadsDirectory).setBodyLimit(maxPhotoBytes + FORM_OVERHEAD)
                        .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true))
                .handler(this::submit)
                .failureHandler(this::overLimit);
        router.get("/api/reports/categories").handler(this::categories);
        router.get("/api/reports/:code").handler(this::status);
    }

    private void throttle(RoutingContext ctx) {
        if (!throttle.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
            throw new ClientError(429, "too_many_requests", "too many reports from this address; wait a minute");
        }
        ctx.next();
    }

    /**
     * A chunked body that passes the limit while a photo streams to disk fails first with the aborted
     * stream, before the body handler's 413: answer what it was, too large.
     */
    private void overLimit(RoutingContext ctx) {
        if (!(ctx.failure() instanceof ClientError) && ctx.request().bytesRead() > maxPhotoBytes + FORM_OVERHEAD) {
            ctx.fail(new ClientError(413, "too_large", "the report is larger than " + (maxPhotoBytes + FORM_OVERHEAD)
                    + " bytes"));
            return;
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
        ctx.request().formAttributes().forEach(field -> {
            InputText.check("the name of a form field", field.getKey());
            InputText.check("form field \"" + field.getKey() + "\"", field.getValue());
        });
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
        reports.status(code).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(ClientError.notFound("no report with that tracking code"));
                return;
            }
            ctx.response().putHeader("cache-control", "no-store");
            Bodies.ok(ctx, view(found.get()));
        }).onFailure(ctx::fail);
    }

    /** The resident's view: no staff names, phones or notes. */
    private static JsonObject view(ReportStatus status) {
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
