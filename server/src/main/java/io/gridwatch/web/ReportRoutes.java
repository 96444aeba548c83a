package io.gridwatch.web;

import io.gridwatch.alert.AlertStatus;
import io.gridwatch.error.ClientError;
import io.gridwatch.report.Category;
import io.gridwatch.report.ReportReceipt;
import io.gridwatch.report.ReportRequest;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.Ratings;
import io.gridwatch.report.ReportStatus;
import io.gridwatch.report.Tracking;
import io.gridwatch.report.UploadStages;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import java.util.Optional;

/**
 * Snap-and-report for residents, without log-in: {@code POST /api/reports} (multipart),
 * {@code GET /api/reports/categories}, {@code GET /api/reports/{tracking_code}} (with the case's timeline, the handling staff shared and the rating), {@code GET
 * /api/reports/{tracking_code}/photos/{id}} (a shared handling photo) and {@code POST
 * /api/reports/{tracking_code}/rating}; look-ups and ratings are rate-limited per address. Mount before the
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

    private static final long RATING_BODY_BYTES = 8 * 1024;
    /** The routing context's key of an upload's {@link UploadStages}, started when its headers are in. */
    private static final String STAGES = "gridwatch.upload-stages";

    private final ReportService reports;
    private final Tracking tracking;
    private final Ratings ratings;
    private final LoginThrottle throttle;
    private final LoginThrottle lookups = LoginThrottle.perMinute(LOOKUPS_PER_MINUTE, System::nanoTime);
    private final long maxPhotoBytes;
    private final String uploadsDirectory;

    ReportRoutes(ReportService reports, Tracking tracking, Ratings ratings, int perMinute, long maxPhotoBytes,
            String uploadsDirectory) {
        this.reports = reports;
        this.ratings = ratings;
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
                .handler(this::submit)
                .failureHandler(this::overLimit);
        router.get("/api/reports/categories").handler(this::categories);
        router.get("/api/reports/:code").handler(this::limitLookups).handler(this::status);
        router.get("/api/reports/:code/photos/:id").handler(this::limitLookups).handler(this::sharedPhoto);
        router.post("/api/reports/:code/rating").handler((SecurityPolicyHandler) this::limitLookups)
                .handler(BodyHandler.create(false).setBodyLimit(RATING_BODY_BYTES)).handler(this::rate);
    }

    private void throttle(RoutingContext ctx) {
        ctx.put(STAGES, UploadStages.start());
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

    private void limitLookups(RoutingContext ctx) {
        if (!lookups.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
            throw new ClientError(429, "too_many_requests", "too many look-ups from this address; wait a minute");
        }
        ctx.next();
    }

    /** {@code {"score","comment"?}} → 201 once the case is closed; 409 before, or the second time. */
    private void rate(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        Object score = body.getValue("score");
        Object comment = body.getValue("comment");
        if (comment != null && !(comment instanceof String)) {
            throw ClientError.badRequest("comment must be text");
        }
        ratings.rate(ctx.pathParam("code"), score instanceof String s ? s : null, (String) comment)
                .onSuccess(rated -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("score", rated.score()).put("reopened", rated.reopenedAt() != null)
                                .encode()))
                .onFailure(ctx::fail);
    }

    /** A handling photo staff shared with the resident, by the report's code: nothing else is served this way. */
    private void sharedPhoto(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ClientError.notFound("no such photo");
        }
        tracking.photo(ctx.pathParam("code"), id).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(ClientError.notFound("no such photo"));
                return;
            }
            ctx.response().putHeader("content-type", "image/jpeg").putHeader("cache-control", "private, no-store")
                    .end(Buffer.buffer(found.get()));
        }).onFailure(ctx::fail);
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
        UploadStages stages = ctx.get(STAGES);
        stages.bodyRead();
        reports.submit(request, Path.of(photo.uploadedFileName()), stages).onSuccess(receipt -> {
            // a retry with the same Idempotency-Key gets the first report back, with 200
            int status = receipt.replay() ? 200 : 201;
            ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(receipt(receipt).encode());
            stages.answered(status);
        }).onFailure(ctx::fail);
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
            Future<List<Tracking.Step>> steps = tracking.timeline(code, status.createdAt());
            Future<Optional<Tracking.Rating>> rating = tracking.rating(code);
            Future<Optional<Tracking.Handling>> handling = tracking.handling(code);
            return Future.all(steps, rating, handling).map(all -> view(status, steps.result(), rating.result(),
                    handling.result()));
        }).onSuccess(view -> {
            ctx.response().putHeader("cache-control", "no-store");
            Bodies.ok(ctx, view);
        }).onFailure(ctx::fail);
    }

    /** The resident's view: no staff names, phones or notes. */
    private static JsonObject view(ReportStatus status, List<Tracking.Step> steps, Optional<Tracking.Rating> rating,
            Optional<Tracking.Handling> handling) {
        JsonArray timeline = new JsonArray();
        steps.forEach(step -> timeline.add(new JsonObject().put("step", step.step()).put("at", step.at().toString())));
        String code = status.trackingCode();
        return residentView(status)
                .put("timeline", timeline)
                .put("handling", handling.map(h -> new JsonObject().put("note", h.note())
                        .put("photo", h.photos().isEmpty() ? null : "/api/reports/" + code + "/photos/" + h.photos().get(0))
                        .put("photos", new JsonArray(h.photos().stream()
                                .map(id -> "/api/reports/" + code + "/photos/" + id).toList()))).orElse(null))
                .put("rating", rating.map(r -> new JsonObject().put("score", r.score()).put("comment", r.comment())
                        .put("rated_at", r.ratedAt().toString())).orElse(null))
                .put("can_rate", rating.isEmpty() && status.status() == AlertStatus.RESOLVED);
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
                        .put("name", status.unitName()))
                .put("photo", photoState(status.photoState()));
    }

    /** The photo in the resident's words: being processed, ready (staff see it), or unusable; null without one. */
    private static String photoState(String stored) {
        if (stored == null) {
            return null;
        }
        return switch (stored) {
            case "pending" -> "processing";
            case "clean" -> "ready";
            default -> "failed";
        };
    }
}
