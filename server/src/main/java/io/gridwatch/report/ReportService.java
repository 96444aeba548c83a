package io.gridwatch.report;

import io.gridwatch.alert.AlertEventType;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.config.ReportConfig;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.error.ClientError;
import io.gridwatch.geo.crs.Crs;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.geo.locate.Location;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Coordinate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snap-and-report: a resident's photo and position become a report that opens, or joins, an alert
 * of kind {@code report}, routed and escalated like any other and announced once committed.
 *
 * <p>The resident is answered before the image work: reading the upload, the cheap checks of
 * {@link ImageSanitizer#inspect} (type by content, the header's pixel count, the EXIF position) and the geometry run
 * on Vert.x's worker pool, at most {@link #MAX_WAITING} uploads in hand (past that 503 rather than a queue without
 * end); the report is stored with its photo pending, and {@link PendingPhotos} decodes, strips and re-encodes it
 * afterwards, listing it in the alert once clean. Everything else is {@code Future}-composed. Thread-safe.
 */
public final class ReportService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
    static final int MAX_WAITING = 4 * ImageWork.THREADS + 8;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Vertx vertx;
    private final AtomicInteger inHand = new AtomicInteger();
    private final ImageWork images;
    private final PendingPhotos pending;
    private final CellNeighbours neighbours;
    private final GridLocator locator;
    private final ReportStore store;
    private final AlertLifecycle alerts;
    private final ReportConfig config;
    private final Clock clock;

    public ReportService(Vertx vertx, ReportStore store, AlertLifecycle alerts, GridLocator locator,
            ReportConfig config, Clock clock, ImageWork images, PendingPhotos pending) {
        this.vertx = vertx;
        this.images = images;
        this.pending = pending;
        this.neighbours = new CellNeighbours(locator.grid());
        this.locator = locator;
        this.store = store;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Takes a report whose photo the HTTP layer saved to {@code upload} (a generated name in the
     * uploads directory; the caller deletes it). A repeated idempotency key returns the first report.
     *
     * @throws ClientError (in the future) 4xx for what the resident can fix, with nothing stored
     */
    public Future<ReportReceipt> submit(ReportRequest request, Path upload, UploadStages stages) {
        if (request.keyHash() == null) {
            return prepareAndSave(request, upload, stages);
        }
        return store.byKey(request.keyHash()).compose(first -> first.map(Future::succeededFuture)
                .orElseGet(() -> prepareAndSave(request, upload, stages)
                        .recover(failure -> isUniqueViolation(failure)
                                ? store.byKey(request.keyHash()).map(Optional::orElseThrow)
                                : Future.failedFuture(failure))));
    }

    private Future<ReportReceipt> prepareAndSave(ReportRequest request, Path upload, UploadStages stages) {
        if (inHand.incrementAndGet() > MAX_WAITING) {
            inHand.decrementAndGet();
            return Future.failedFuture(new ClientError(503, "busy", "too many photos are being processed; try again"));
        }
        // in hand until stored, not only until read: when PostgreSQL lags, 2 MB inserts must not pile up unbounded
        return vertx.executeBlocking(() -> prepare(request, upload), false)
                .onSuccess(checked -> stages.checked())
                .compose(report -> save(report).onSuccess(receipt -> pending.offer(receipt.pendingPhoto(),
                        report.photo())))
                .onSuccess(committed -> stages.reportCommitted())
                .onComplete(done -> inHand.decrementAndGet());
    }

    /** The file and the cheap checks, on a worker thread; the decoding waits until the resident has the answer. */
    private NewReport prepare(ReportRequest request, Path upload) throws IOException {
        byte[] photo;
        // a stream, not Files.readAllBytes: NIO would stage the 2 MB through a direct buffer cached per worker thread
        try (InputStream in = new FileInputStream(upload.toFile())) {
            photo = in.readAllBytes();
        }
        PhotoCheck image = images.inspect(photo);
        double lon;
        double lat;
        Crs crs;
        String locatedBy;
        if (request.hasPosition()) {
            lon = request.lon();
            lat = request.lat();
            crs = request.crs();
            locatedBy = request.locatedBy() == null ? "form" : request.locatedBy();
        } else if (image.gps().isPresent()) {
            lon = image.gps().get().lon();
            lat = image.gps().get().lat();
            crs = Crs.WGS84;
            locatedBy = "exif";
        } else {
            throw ClientError.badRequest("the report needs a position: send lon and lat, or a photo with GPS tags");
        }
        Location location = located(lon, lat, crs);
        Coordinate wgs84 = crs.convert(lon, lat, Crs.WGS84);
        return new NewReport(TrackingCode.next(), request.keyHash(), request.category(), request.description(),
                wgs84.x, wgs84.y, locatedBy, location.path(), now(), photo, ReportOrigin.resident(request.phone()));
    }

    /**
     * Takes a report from another system (Open311, an incident): no photo, the sender's position. An incident
     * whose (source, external id) is already stored returns that report as a replay, with nothing new stored.
     *
     * @throws ClientError (in the future) 422 for a position outside the district
     */
    public Future<ReportReceipt> submit(RemoteReport remote) {
        ReportOrigin origin = remote.origin();
        if (origin.externalId() == null) {
            return saveRemote(remote);
        }
        return store.byIncident(origin.sourceSystem(), origin.externalId()).compose(first -> first
                .map(Future::succeededFuture)
                .orElseGet(() -> saveRemote(remote).recover(failure -> isUniqueViolation(failure)
                        ? store.byIncident(origin.sourceSystem(), origin.externalId()).map(Optional::orElseThrow)
                        : Future.failedFuture(failure))));
    }

    /** Located on a worker thread: a cell's neighbours are geometry work the first time they are asked for. */
    private Future<ReportReceipt> saveRemote(RemoteReport remote) {
        return vertx.executeBlocking(() -> {
            Location location = located(remote.lon(), remote.lat(), remote.crs());
            Coordinate wgs84 = remote.crs().convert(remote.lon(), remote.lat(), Crs.WGS84);
            return new NewReport(TrackingCode.next(), null, remote.category(), remote.description(), wgs84.x,
                    wgs84.y, "form", location.path(), now(), null, remote.origin());
        }, false).compose(this::save);
    }

    /** The position's cell, its neighbours worked out (and cached) on the caller's thread. */
    private Location located(double lon, double lat, Crs crs) {
        Location location = locator.locate(lon, lat, crs);
        if (!location.found()) {
            throw ClientError.unprocessable(String.format(Locale.ROOT,
                    "the position %.6f %.6f (%s) is outside the district, %.0f m from its nearest grid cell",
                    lon, lat, crs, location.distanceM()));
        }
        neighbours.around(location.cell());
        return location;
    }

    private Future<ReportReceipt> save(NewReport report) {
        Category category = report.category();
        Set<String> cells = neighbours.around(report.path().cell());
        ReportStore.MergeScope scope = report.origin().merges() ? new ReportStore.MergeScope(category.family(),
                cells, report.at().minus(config.mergeWindow()), config.mergeMetres()) : null;
        // should the report make a joined alert more serious; an alert without a deadline (at the top) keeps none
        Instant deadline = alerts.escalateAt(category.severity(), report.at());
        Reason reason = reason(report);
        return store.save(report, scope, deadline, (transaction, reportId) -> alerts.raiseWithin(transaction,
                        AlertKind.REPORT, category.severity(), AlertSource.report(Long.toString(reportId)),
                        report.path(), null, reason).map(raised -> raised.alert().id()))
                .onSuccess(this::announce);
    }

    /**
     * The alert's reason: how the report came ({@code report.resident}, {@code report.open311}, {@code report.incident}
     * with the handing-over system and its id, so that maps and consoles show where it came from) and what it says.
     */
    private static Reason reason(NewReport report) {
        ReportOrigin origin = report.origin();
        String category = report.category().id();
        String said = report.description() == null ? "" : " — " + report.description();
        return switch (origin.channel()) {
            case ReportOrigin.INCIDENT -> Reason.code("report.incident").with("category", category)
                    .with("source", origin.sourceSystem()).with("external_id", origin.externalId())
                    .text("incident from " + origin.sourceSystem() + " #" + origin.externalId() + ": " + category + said);
            case ReportOrigin.OPEN311 -> Reason.code("report.open311").with("category", category)
                    .text("open311 request: " + category + said);
            default -> Reason.code("report.resident").with("category", category).text("resident report: " + category + said);
        };
    }

    /** Tells the people concerned, now that it has committed. */
    private void announce(ReportReceipt receipt) {
        LOG.debug("report stored [report: {}, alert: {}, merged: {}]", receipt.id(), receipt.alertId(),
                receipt.merged());
        alerts.store().find(receipt.alertId()).onSuccess(alert -> alert.ifPresent(a ->
                        alerts.announce(receipt.merged() ? AlertEventType.UPDATED : AlertEventType.OPENED, a)))
                .onFailure(e -> LOG.warn("report alert not announced [alert: {}]: {}", receipt.alertId(),
                        e.getMessage()));
    }

    /** The resident's view; empty for an unknown (or malformed) code. */
    public Future<Optional<ReportStatus>> status(String trackingCode) {
        if (!TrackingCode.isWellFormed(trackingCode)) {
            return Future.succeededFuture(Optional.empty());
        }
        return store.status(trackingCode, id -> locator.grid().unit(id).map(GridUnit::name).orElse(id));
    }

    /** A stored photo (or its thumbnail) with its report's cell. */
    public Future<Optional<ReportStore.StoredPhoto>> photo(long id, boolean thumb) {
        return store.photo(id, thumb);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
