package io.gridwatch.web;

import io.gridwatch.config.TileConfig;
import io.gridwatch.geo.crs.Crs;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.Properties;

/**
 * The pages: {@code /} (live alert map), {@code /worker} (worker console), {@code /department} (department
 * console), their scripts and styles from {@code webroot/} in the jar, Leaflet and its marker-cluster plug-in from
 * their webjars under {@code /vendor/leaflet/} and {@code /vendor/markercluster/}, and {@code GET /api/config}
 * (what the map needs to know about this server). Nothing is fetched from outside unless
 * {@code GRIDWATCH_TILES} names a tile server.
 */
final class PageRoutes {

    private static final String LEAFLET_POM = "META-INF/maven/org.webjars.npm/leaflet/pom.properties";
    private static final String MARKERCLUSTER_POM = "META-INF/maven/org.webjars/leaflet-markercluster/pom.properties";

    private final Optional<TileConfig> tiles;
    private final Crs gridCrs;
    private final String contentSecurityPolicy;

    PageRoutes(Optional<TileConfig> tiles, Crs gridCrs) {
        this.tiles = tiles;
        this.gridCrs = gridCrs;
        this.contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + tiles.map(TileConfig::url).map(PageRoutes::origin).map(o -> " " + o).orElse("") + "; object-src 'none'; base-uri 'none'";
    }

    /**
     * {@code GET /api/reports/area}, without log-in, before the report routes: what the resident's map needs (the base
     * map, the grid's CRS and the district's outline), so that a resident's phone draws streets and the district
     * without an account.
     */
    void mountPublic(Router router, String districtGeoJson) {
        String area = "{\"tiles\":" + tiles.map(t -> t.toJson().encode()).orElse("null") + ",\"grid_crs\":\""
                + gridCrs.name() + "\",\"district\":" + districtGeoJson + "}";
        router.get("/api/reports/area").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .putHeader("cache-control", "public, max-age=300").end(area));
    }

    /** API routes first: {@code /api/config} sits behind the log-in like the rest of {@code /api}. */
    void mountApi(Router router) {
        router.get("/api/config").handler(this::config);
    }

    /** Pages and files last, so that no API path is ever answered with a file. */
    void mountPages(Router router) {
        router.get("/worker").handler(ctx -> ctx.reroute("/worker.html"));
        router.get("/department").handler(ctx -> ctx.reroute("/department.html"));
        router.get("/report").handler(ctx -> ctx.reroute("/report.html"));
        // the tracking page reads its code from the address; the page itself is the same for every code
        router.get("/track/:code").handler(ctx -> ctx.reroute("/track.html"));
        router.route("/vendor/leaflet/*").handler(StaticHandler.create("META-INF/resources/webjars/leaflet/"
                + leafletVersion() + "/dist"));
        router.route("/vendor/markercluster/*").handler(StaticHandler.create(
                "META-INF/resources/webjars/leaflet-markercluster/" + webjarVersion(MARKERCLUSTER_POM)));
        router.route().method(HttpMethod.GET).handler(this::securityHeaders);
        // the pages and their modules change with the server: no cache headers, so that a browser never mixes an
        // old module with a new one (Leaflet's path carries its version and keeps the handler's long caching)
        router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    }

    private void config(RoutingContext ctx) {
        Access.role(ctx);
        Bodies.ok(ctx, new JsonObject()
                .put("tile_url", tiles.map(TileConfig::url).orElse(null))
                .put("tiles", tiles.map(TileConfig::toJson).orElse(null))
                .put("grid_crs", gridCrs.name()));
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", contentSecurityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /**
     * The tile server's origin, for the page's image policy: {@code https://{s}.tile.example/{z}/{x}/{y}.png} gives
     * {@code https://*.tile.example}; a template that is not a URL adds nothing (and its tiles will not load).
     */
    static String origin(String template) {
        boolean subdomains = template.contains("{s}.");
        try {
            URI uri = URI.create(template.replace("{s}.", "").replaceAll("[{}]", ""));
            if (uri.getScheme() == null || uri.getAuthority() == null) {
                return "";
            }
            return uri.getScheme() + "://" + (subdomains ? "*." : "") + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The bundled Leaflet's version, read from its webjar so that the pom alone decides it. */
    static String leafletVersion() {
        return webjarVersion(LEAFLET_POM);
    }

    private static String webjarVersion(String pomProperties) {
        try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(pomProperties)) {
            if (in == null) {
                throw new IllegalStateException("a webjar is missing from the class path: " + pomProperties);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
