package io.gridwatch.app;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.cluster.Changes;
import io.gridwatch.keys.ApiKeyStore;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.open311.Open311Store;
import io.gridwatch.report.ImageWork;
import io.gridwatch.report.PendingPhotos;
import io.gridwatch.report.Ratings;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.ReportStore;
import io.gridwatch.report.Tracking;
import io.gridwatch.store.Database;
import io.gridwatch.web.HttpServerVerticle;
import io.gridwatch.web.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The HTTP server (API, websocket, pages) and the services behind it: device registration (announced to the other
 * nodes), snap-and-report, residents' tracking and ratings, API keys, Open311, health and metrics.
 */
final class WebWiring {

    private WebWiring() {
    }

    static HttpServerVerticle server(Vertx vertx, GridwatchConfig config, Metrics metrics, ServerParts parts,
            MqttListening mqtt, ImageWork images, PendingPhotos photos) {
        Database database = parts.database();
        DeviceRegistry registry = new DeviceRegistry(vertx, database.devices(), parts.locator(), Clock.systemUTC(),
                registered -> {
                    registered.forEach(parts.directory()::remember);
                    parts.changes().announce(Changes.Topic.DEVICES,
                            registered.stream().map(c -> c.device().id()).toList());
                });
        return new HttpServerVerticle(config.http(), new Services(parts.accounts(),
                new Services.Devices(registry, database.devices()), parts.locator(), parts.alerts(),
                new Services.Reports(reports(vertx, config, parts, images, photos), config.reports()), parts.casework(),
                new Services.Monitoring(metrics, database::healthy, mqtt::up, database.mode().id(), parts.cluster()),
                new Services.Residents(new Tracking(database.pool()),
                        new Ratings(database.pool(), parts.alerts(), Clock.systemUTC()),
                        new ApiKeys(new ApiKeyStore(database.pool()), Clock.systemUTC()),
                        new Open311Store(database.pool(), parts.locator().grid())),
                mqtt.broker()));
    }

    /** Listens; a port that is taken is a {@link StartupException}. */
    static Future<String> deploy(Vertx vertx, GridwatchConfig config, HttpServerVerticle http) {
        return vertx.deployVerticle(http)
                .recover(failure -> Future.failedFuture(new StartupException(
                        "cannot listen for HTTP on port " + config.http().port() + ": " + failure.getMessage(), failure)));
    }

    /** Snap-and-report: residents' photos become report alerts through the same lifecycle. */
    private static ReportService reports(Vertx vertx, GridwatchConfig config, ServerParts parts, ImageWork images,
            PendingPhotos photos) {
        return new ReportService(vertx, new ReportStore(parts.database().pool(), parts.alerts().store()),
                parts.alerts(), parts.locator(), config.reports(), Clock.systemUTC(), images, photos);
    }
}
