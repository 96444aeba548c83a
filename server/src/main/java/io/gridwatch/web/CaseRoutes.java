package io.gridwatch.web;

import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.casework.CaseChange;
import io.gridwatch.casework.CaseService;
import io.gridwatch.casework.CaseStore;
import io.gridwatch.casework.CaseViews;
import io.gridwatch.casework.HandlingPhotos;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.outbox.NotifyTarget;
import io.gridwatch.people.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The case steps of ARCHITECTURE 3.8 on {@code /api/alerts/{id}/…} ({@code dispatch}, {@code accept}, {@code handle}
 * (JSON or multipart with photos), {@code return}, {@code verify}), each answering the alert JSON with its
 * {@code case}; {@code GET /api/cases} (a department's cases, or the dispatched cases in a grid person's scope);
 * handling photos at {@code /api/cases/photos/{id}}; {@code PUT|DELETE /api/units/{id}/notify} (admin).
 */
final class CaseRoutes {

    private static final int MAX_TEXT = AlertRoutes.MAX_NOTE_CHARS;
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1_000;
    private static final String HANDLE = "/api/alerts/:id/handle";

    private final CaseService cases;
    private final CaseViews views;
    private final HandlingPhotos photos;
    private final Grid grid;

    CaseRoutes(CaseService cases, CaseViews views, HandlingPhotos photos, Grid grid) {
        this.cases = cases;
        this.views = views;
        this.photos = photos;
        this.grid = grid;
    }

    /**
     * The handling upload's own body handler (files under generated names, deleted when the response ends): mount
     * before the API-wide body handler, which then leaves the body alone.
     */
    static void mountUploads(Router router, String uploadsDirectory, long maxPhotoBytes) {
        router.post(HANDLE).handler(BodyHandler.create(uploadsDirectory)
                .setBodyLimit(HandlingPhotos.MAX_PHOTOS * maxPhotoBytes + 64 * 1024)
                .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true));
    }

    void mount(Router router) {
        router.post("/api/alerts/:id/dispatch").handler(this::dispatch);
        router.post("/api/alerts/:id/accept").handler(ctx -> reply(ctx, cases.accept(AlertRoutes.id(ctx),
                Access.caller(ctx))));
        router.post(HANDLE).handler(this::handle);
        router.post("/api/alerts/:id/return").handler(this::returnCase);
        router.post("/api/alerts/:id/verify").handler(this::verify);
        router.get("/api/cases").handler(this::list);
        router.get("/api/cases/photos/:id").handler(ctx -> photo(ctx, false));
        router.get("/api/cases/photos/:id/thumb").handler(ctx -> photo(ctx, true));
        router.put("/api/units/:id/notify").handler(this::setUnitNotify);
        router.delete("/api/units/:id/notify").handler(this::setUnitNotify);
    }

    private void dispatch(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        JsonObject body = optionalObject(ctx);
        String due = text(body, "due", 40, false);
        Duration dueIn = null;
        if (due != null) {
            try {
                dueIn = Duration.parse(due);
            } catch (DateTimeParseException e) {
                throw ClientError.badRequest("due must be an ISO-8601 duration such as PT2H, got \"" + due + "\"");
            }
        }
        reply(ctx, cases.dispatch(AlertRoutes.id(ctx), caller, text(body, "department", 64, false),
                text(body, "note", MAX_TEXT, false), dueIn));
    }

    private void handle(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        long id = AlertRoutes.id(ctx);
        String note;
        boolean shared;
        List<Path> uploads = new ArrayList<>();
        if (ctx.fileUploads().isEmpty() && !isForm(ctx)) {
            JsonObject body = Bodies.object(ctx);
            note = text(body, "note", MAX_TEXT, true);
            Object share = body.getValue("share");
            if (share != null && !(share instanceof Boolean)) {
                throw ClientError.badRequest("share must be true or false");
            }
            shared = Boolean.TRUE.equals(share);
        } else {
            note = ctx.request().getFormAttribute("note");
            String share = ctx.request().getFormAttribute("share");
            if (share != null && !share.equals("true") && !share.equals("false")) {
                throw ClientError.badRequest("share must be true or false");
            }
            shared = "true".equals(share);
            if (note == null || note.isBlank() || note.length() > MAX_TEXT) {
                throw ClientError.badRequest("note is required, at most " + MAX_TEXT + " characters");
            }
            if (ctx.fileUploads().size() > HandlingPhotos.MAX_PHOTOS) {
                throw ClientError.badRequest("at most " + HandlingPhotos.MAX_PHOTOS + " photos");
            }
            for (FileUpload file : ctx.fileUploads()) {
                if (!"photo".equals(file.name()) && !"photos".equals(file.name())) {
                    throw ClientError.badRequest("photos go in the multipart field \"photo\"");
                }
                if (file.size() == 0) {
                    throw ClientError.badRequest("a photo is empty");
                }
                uploads.add(Path.of(file.uploadedFileName()));
            }
        }
        String handled = note;
        boolean share = shared;
        reply(ctx, photos.sanitize(uploads).compose(images -> cases.handle(id, caller, handled, share, images)));
    }

    private void returnCase(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        String reason = text(Bodies.object(ctx), "reason", MAX_TEXT, true);
        reply(ctx, cases.returnCase(AlertRoutes.id(ctx), caller, reason));
    }

    private void verify(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        JsonObject body = Bodies.object(ctx);
        if (!(body.getValue("pass") instanceof Boolean pass)) {
            throw ClientError.badRequest("pass is required: true (resolved) or false (back to the department)");
        }
        reply(ctx, cases.verify(AlertRoutes.id(ctx), caller, pass, text(body, "note", MAX_TEXT, !pass)));
    }

    /** {@code ?status=a,b&limit=}: a department's cases; for grid staff, the cases in their scope. */
    private void list(RoutingContext ctx) {
        Caller caller = Access.caller(ctx);
        List<AlertStatus> statuses = statuses(ctx);
        int limit = Bodies.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Future<List<io.gridwatch.alert.Alert>> found;
        if (caller.role().isDepartment()) {
            found = views.ofDepartment(caller.unit(), statuses, limit);
        } else {
            AlertQuery query = Access.scope(caller, AlertQuery.all(limit)
                    .withStatus(statuses.toArray(AlertStatus[]::new)), grid, ctx.queryParams().get("unit"));
            found = cases.alerts().list(query);
        }
        found.compose(views::render).onSuccess(alerts -> Bodies.ok(ctx, new JsonObject().put("alerts", alerts)))
                .onFailure(ctx::fail);
    }

    private void photo(RoutingContext ctx, boolean thumb) {
        Caller caller = Access.caller(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ClientError.notFound("no photo " + ctx.pathParam("id"));
        }
        long photoId = id;
        cases.store().photo(id, thumb).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<CaseStore.StoredPhoto>empty());
            }
            if (caller.role().isDepartment()) {
                return Future.succeededFuture(found.filter(p -> p.departments().contains(caller.unit())));
            }
            return cases.alerts().find(found.get().alertId())
                    .map(alert -> alert.isPresent() && caller.sees(alert.get()) ? found
                            : Optional.<CaseStore.StoredPhoto>empty());
        }).onSuccess(allowed -> {
            if (allowed.isEmpty()) {
                // a photo outside the caller's cases is "not found": ids are not to be probed
                ctx.fail(ClientError.notFound("no photo " + photoId));
                return;
            }
            ctx.response().putHeader("content-type", "image/jpeg")
                    .putHeader("cache-control", "private, max-age=3600")
                    .putHeader("x-content-type-options", "nosniff")
                    .end(Buffer.buffer(allowed.get().jpeg()));
        }).onFailure(ctx::fail);
    }

    private void setUnitNotify(RoutingContext ctx) {
        Access.require(ctx, Role.ADMIN);
        String unit = ctx.pathParam("id");
        if (grid.unit(unit).isEmpty()) {
            throw ClientError.notFound("no unit \"" + unit + "\" in the grid");
        }
        NotifyTarget target = ctx.request().method().name().equals("DELETE") ? null
                : NotifyTarget.parse(Bodies.object(ctx), "");
        cases.store().setUnitTarget(unit, target).onSuccess(done -> Bodies.ok(ctx, new JsonObject()
                .put("unit", unit).put("notify", target == null ? null : target.toPublicJson())))
                .onFailure(ctx::fail);
    }

    private void reply(RoutingContext ctx, Future<CaseChange> change) {
        change.onSuccess(done -> Bodies.ok(ctx, done.alertJson())).onFailure(ctx::fail);
    }

    private static boolean isForm(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        return type != null && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"));
    }

    /** No body, or a JSON object. */
    private static JsonObject optionalObject(RoutingContext ctx) {
        String text = ctx.body().asString();
        return text == null || text.isBlank() ? new JsonObject() : Bodies.object(ctx);
    }

    private static String text(JsonObject body, String field, int max, boolean required) {
        Object value = body.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
            throw ClientError.badRequest(field + (required ? " is required and" : "") + " must be text of 1 to " + max
                    + " characters");
        }
        return s;
    }

    private static List<AlertStatus> statuses(RoutingContext ctx) {
        List<AlertStatus> statuses = new ArrayList<>();
        for (String value : ctx.queryParams().getAll("status")) {
            for (String id : value.split(",")) {
                statuses.add(AlertStatus.fromId(id.trim()).orElseThrow(() -> ClientError.badRequest(
                        "status must be one of " + Arrays.stream(AlertStatus.values()).map(AlertStatus::id).toList()
                                + ", got \"" + id.trim() + "\"")));
            }
        }
        return statuses.isEmpty() ? List.of(AlertStatus.DISPATCHED, AlertStatus.ACCEPTED, AlertStatus.HANDLED,
                AlertStatus.RETURNED) : statuses;
    }
}
