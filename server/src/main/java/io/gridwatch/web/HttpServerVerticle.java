package io.gridwatch.web;

import io.gridwatch.casework.Casework;
import io.gridwatch.config.HttpConfig;
import io.gridwatch.people.TokenVersions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The HTTP API: wires the routes of each capability onto one router and listens. */
public final class HttpServerVerticle extends VerticleBase {

    /** API bodies are small; photo uploads get their own limit when they arrive. */
    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    /** Uploads older than this are orphans (longer than any request may take): removed as often. */
    private static final Duration UPLOAD_SWEEP = Duration.ofMinutes(10);

    private final HttpConfig config;
    private final Services services;
    private HttpServer server;
    private AlertSocket sockets;
    /** Where photo uploads wait (generated names) until their request ends; removed on stop. */
    private UploadsDirectory uploads;

    public HttpServerVerticle(HttpConfig config, Services services) {
        this.config = config;
        this.services = services;
    }

    @Override
    public Future<?> start() {
        // the grid's GeoJSON per level is written once, off the event loop
        return vertx.executeBlocking(() -> new GridRoutes(services.locator()), false)
                .compose(grid -> vertx.executeBlocking(() -> UploadsDirectory.create(
                        Path.of(System.getProperty("java.io.tmpdir"))), false).compose(dir -> {
                            uploads = dir;
                            vertx.setPeriodic(UPLOAD_SWEEP.toMillis(), id -> vertx.executeBlocking(() -> {
                                dir.removeOlderThan(UPLOAD_SWEEP);
                                return null;
                            }, false));
                            return listen(grid);
                        }));
    }

    /** Websockets get a going-away close first (their clients reconnect, through the proxy, to another node). */
    @Override
    public Future<?> stop() {
        UploadsDirectory dir = uploads;
        Future<Void> away = sockets == null ? Future.succeededFuture() : sockets.goAway();
        return away.transform(ignored -> dir == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            dir.close();
            return null;
        }, false));
    }

    private Future<HttpServer> listen(GridRoutes gridRoutes) {
        Router router = Router.router(vertx);
        router.route().handler(new ParameterGuard());
        // residents report without log-in, with a body limit of the upload's own: before both API-wide handlers
        Services.Reports reports = services.reports();
        Services.Residents residents = services.residents();
        PageRoutes pages = new PageRoutes(config.tiles(), services.locator().grid().crs());
        pages.mountPublic(router, gridRoutes.districtGeoJson());
        new ReportRoutes(reports.service(), residents.tracking(), residents.ratings(), reports.config().perMinute(),
                reports.config().maxBytes(), uploads.path())
                .mount(router);
        // a department's handling photos: its own body limit and uploads, like the reports' above
        CaseRoutes.mountUploads(router, uploads.path(), reports.config().maxBytes());
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        new HealthRoutes(services.monitoring(), services.broker().link()).mount(router);
        Services.Accounts accounts = services.accounts();
        new AuthRoutes(accounts.logins()).mount(router);
        new KindRoutes().mount(router);
        new Open311Routes(reports.service(), residents.keys(), residents.open311(),
                services.locator().grid().district().id()).mount(router);
        new IncidentRoutes(reports.service(), residents.keys()).mount(router);
        new MqttHookRoutes(services.broker().hooks()).mount(router);
        // everything else under /api needs a log-in
        router.route("/api/*").handler(JWTAuthHandler.create(accounts.jwt())).handler(new TokenCheck(accounts.tokens()));
        pages.mountApi(router);
        new PeopleRoutes(accounts.roster(), accounts.tokens(), accounts.logins()).mount(router);
        new KeyRoutes(residents.keys()).mount(router);
        new DeviceRoutes(services.devices().registry(), services.devices().store(), services.locator().grid())
                .mount(router);
        gridRoutes.mount(router);
        Casework casework = services.casework();
        new AlertRoutes(services.alerts(), casework.views(), services.locator().grid()).mount(router);
        new CaseRoutes(casework.cases(), casework.views(), casework.photos(), services.locator().grid()).mount(router);
        new DepartmentRoutes(casework.departments()).mount(router);
        new StatsRoutes(services.alerts().store().stats(), casework.stats(), services.locator().grid(),
                Clock.systemUTC()).mount(router);
        new PhotoRoutes(reports.service(), services.locator().grid()).mount(router);
        pages.mountPages(router);
        router.route().failureHandler(new ErrorHandler());
        router.route().last().handler(ctx -> ctx.fail(404));

        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setIdleTimeout((int) config.limits().idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setUseProxyProtocol(config.limits().proxyProtocol());
        if (config.tls() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.tls().certificate().toString())
                    .setKeyPath(config.tls().key().toString()));
        }
        HttpServer http = vertx.createHttpServer(options);
        ConnectionGuard guard = new ConnectionGuard(vertx, config.limits());
        guard.install(http, router);
        sockets = new AlertSocket(vertx, services.accounts().jwt(), services.accounts().tokens(),
                services.alerts().store(), services.casework().views(), services.locator().grid(), config.websocket(),
                services.monitoring().metrics());
        sockets.mount(http, guard);
        return http.listen().onSuccess(s -> server = s);
    }

    /** The port bound (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
