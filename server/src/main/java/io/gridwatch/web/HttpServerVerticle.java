package io.gridwatch.web;

import io.gridwatch.casework.Casework;
import io.gridwatch.config.HttpConfig;
import io.gridwatch.config.ReportConfig;
import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.open311.Open311Store;
import io.gridwatch.people.LoginService;
import io.gridwatch.people.Roster;
import io.gridwatch.report.Ratings;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.Tracking;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** The HTTP API: wires the routes of each capability onto one router and listens. */
public final class HttpServerVerticle extends VerticleBase {

    /** API bodies are small; photo uploads get their own limit when they arrive. */
    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    private final HttpConfig config;
    private final Services services;
    private HttpServer server;
    /** Where photo uploads wait (generated names) until their request ends; removed on stop. */
    private String uploadsDirectory;

    /** What the routes need from the rest of the server. */
    public record Services(JWTAuth jwt, LoginService logins, Roster roster, DeviceRegistry registry, DeviceStore devices,
            GridLocator locator, Metrics metrics, BooleanSupplier databaseUp, BooleanSupplier mqttUp,
            String storageMode, AlertLifecycle alerts, ReportService reports, ReportConfig reportConfig,
            Casework casework, Residents residents) {
    }

    /** What residents and other systems reach without a log-in: tracking, keys, Open311. */
    public record Residents(Tracking tracking, Ratings ratings, ApiKeys keys, Open311Store open311) {
    }

    public HttpServerVerticle(HttpConfig config, Services services) {
        this.config = config;
        this.services = services;
    }

    @Override
    public Future<?> start() {
        // the grid's GeoJSON per level is written once, off the event loop
        return vertx.executeBlocking(() -> new GridRoutes(services.locator()), false)
                .compose(grid -> vertx.fileSystem().createTempDirectory("gridwatch-uploads-").compose(dir -> {
                    uploadsDirectory = dir;
                    return listen(grid);
                }));
    }

    @Override
    public Future<?> stop() {
        return uploadsDirectory == null ? Future.succeededFuture()
                : vertx.fileSystem().deleteRecursive(uploadsDirectory);
    }

    private Future<HttpServer> listen(GridRoutes gridRoutes) {
        Router router = Router.router(vertx);
        Residents residents = services.residents();
        PageRoutes pages = new PageRoutes(config.tiles(), services.locator().grid().crs());
        pages.mountPublic(router, gridRoutes.districtGeoJson());
        // residents report without log-in, with a body limit of the upload's own: before both API-wide handlers
        new ReportRoutes(services.reports(), residents.tracking(), residents.ratings(), services.reportConfig().perMinute(),
                services.reportConfig().maxBytes(), uploadsDirectory).mount(router);
        // a department's handling photos: its own body limit and uploads, like the reports' above
        CaseRoutes.mountUploads(router, uploadsDirectory, services.reportConfig().maxBytes());
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        new HealthRoutes(services.databaseUp(), services.mqttUp(), services.storageMode(), services.metrics())
                .mount(router);
        new AuthRoutes(services.logins()).mount(router);
        new KindRoutes().mount(router);
        new Open311Routes(services.reports(), residents.keys(), residents.open311(),
                services.locator().grid().district().id()).mount(router);
        new IncidentRoutes(services.reports(), residents.keys()).mount(router);
        // everything else under /api needs a log-in
        router.route("/api/*").handler(JWTAuthHandler.create(services.jwt()));
        pages.mountApi(router);
        new PeopleRoutes(services.roster()).mount(router);
        new KeyRoutes(residents.keys()).mount(router);
        new DeviceRoutes(services.registry(), services.devices(), services.locator().grid()).mount(router);
        gridRoutes.mount(router);
        Casework casework = services.casework();
        new AlertRoutes(services.alerts(), casework.views(), services.locator().grid()).mount(router);
        new CaseRoutes(casework.cases(), casework.views(), casework.photos(), services.locator().grid()).mount(router);
        new DepartmentRoutes(casework.departments()).mount(router);
        new StatsRoutes(services.alerts().store().stats(), services.casework().stats(), services.locator().grid(),
                Clock.systemUTC()).mount(router);
        new PhotoRoutes(services.reports(), services.locator().grid()).mount(router);
        pages.mountPages(router);
        router.route().failureHandler(new ErrorHandler());
        router.route().last().handler(ctx -> ctx.fail(404));

        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port());
        if (config.tls() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.tls().certificate().toString())
                    .setKeyPath(config.tls().key().toString()));
        }
        HttpServer http = vertx.createHttpServer(options).requestHandler(router);
        new AlertSocket(vertx, services.jwt(), services.alerts().store(), services.casework().views(),
                services.locator().grid(), config.websocket(), services.metrics()).mount(http);
        return http.listen().onSuccess(s -> server = s);
    }

    /** The port bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
