package io.gridwatch.web;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.ReportStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET /api/photos/{id}} and {@code /api/photos/{id}/thumb}: the re-encoded photos of
 * residents' reports, for logged-in staff whose units cover the report (mount behind the JWT
 * handler). Responses are {@code private} to the browser: no shared cache keeps them.
 */
final class PhotoRoutes {

    private final ReportService reports;
    private final Grid grid;

    PhotoRoutes(ReportService reports, Grid grid) {
        this.reports = reports;
        this.grid = grid;
    }

    void mount(Router router) {
        router.get("/api/photos/:id").handler(ctx -> serve(ctx, false));
        router.get("/api/photos/:id/thumb").handler(ctx -> serve(ctx, true));
    }

    private void serve(RoutingContext ctx, boolean thumb) {
        long id = id(ctx.pathParam("id"));
        reports.photo(id, thumb).onSuccess(found -> {
            // a photo outside the caller's units is "not found": ids are not to be probed
            if (found.isEmpty() || !maySee(ctx, found.get())) {
                ctx.fail(ClientError.notFound("no photo " + id));
                return;
            }
            ctx.response()
                    .putHeader("content-type", "image/jpeg")
                    .putHeader("cache-control", "private, max-age=3600")
                    .putHeader("x-content-type-options", "nosniff")
                    .putHeader("content-disposition", "inline; filename=\"photo-" + id + (thumb ? "-thumb" : "") + ".jpg\"")
                    .end(Buffer.buffer(found.get().jpeg()));
        }).onFailure(ctx::fail);
    }

    /** Grid staff see the photos of reports in their units; department staff those of the cases they hold. */
    private boolean maySee(RoutingContext ctx, ReportStore.StoredPhoto photo) {
        if (Access.role(ctx).isDepartment()) {
            return photo.departments().contains(ctx.user().principal().getString("unit", ""));
        }
        Set<String> scope = Access.cellsInScope(ctx, grid);
        return scope == null || scope.contains(photo.cellId());
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ClientError.notFound("no photo " + text);
        }
    }
}
