package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.crs.Gcj02;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Coordinate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The base map under the grid: a tile server in the test draws one red mark on its tiles, exactly where a vertex of
 * the district's outline lies in the tiles' own coordinates (computed here in Java: the server's GCJ-02 formula and
 * Web Mercator tile arithmetic). In real Chromium at zoom 17 the page's overlay must put that vertex on the mark,
 * within a pixel, for WGS84 tiles and for GCJ-02 tiles — where an unshifted overlay would be hundreds of pixels off.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BaseMapIT {

    static final int ZOOM = 17;

    static ServerFixture fixture;
    /** The tile server's own Vert.x: the gridwatch server is restarted between the tests, the tiles stay. */
    static Vertx tileVertx;
    static HttpServer tiles;
    static final AtomicInteger tilesServed = new AtomicInteger();
    /** The mark's position in world pixels at {@link #ZOOM}, set per test before the page loads. */
    static volatile double markX;
    static volatile double markY;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start();
        tileVertx = Vertx.vertx();
        tiles = ServerFixture.await(tileVertx.createHttpServer().requestHandler(request -> {
            String[] parts = request.path().split("/"); // /tiles/z/x/y.png
            int z = Integer.parseInt(parts[2]);
            int x = Integer.parseInt(parts[3]);
            int y = Integer.parseInt(parts[4].replace(".png", ""));
            tilesServed.incrementAndGet();
            request.response().putHeader("content-type", "image/png").end(Buffer.buffer(tile(z, x, y)));
        }).listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        ServerFixture.await(tiles.close());
        ServerFixture.await(tileVertx.close());
        fixture.close();
    }

    @Test
    void theOverlayLinesUpWithWgs84TilesWithinAPixelAtZoom17() throws Exception {
        assertOverlayOnTheMark("wgs84");
    }

    @Test
    void theOverlayIsShiftedOntoGcj02TilesWithinAPixelAtZoom17() throws Exception {
        double offset = assertOverlayOnTheMark("gcj02");
        assertThat(offset).as("GCJ-02 moves the vertex this far at zoom 17 (pixels)").isGreaterThan(100);
    }

    /** @return how far (pixels) the tiles' CRS moved the vertex from where WGS84 would put it */
    private static double assertOverlayOnTheMark(String crs) throws Exception {
        // given the server configured with the test's tiles in that CRS
        fixture.stopServer();
        fixture.environment.put("GRIDWATCH_TILES", "http://127.0.0.1:" + tiles.actualPort()
                + "/tiles/{z}/{x}/{y}.png;crs=" + crs + ";maxzoom=19;attribution=test tiles");
        fixture.startServer();
        JsonObject area = fixture.get("/api/reports/area", null).bodyAsJsonObject();
        assertThat(area.getJsonObject("tiles").getString("crs")).isEqualTo(crs);
        JsonArray vertex = firstVertex(area.getJsonObject("district"));
        double lon = vertex.getDouble(0);
        double lat = vertex.getDouble(1);
        Coordinate onTiles = "gcj02".equals(crs) ? Gcj02.fromWgs84(lon, lat) : new Coordinate(lon, lat);
        markX = worldX(onTiles.x);
        markY = worldY(onTiles.y);

        try (Browser browser = Browser.open(fixture.server.httpPort(), 800, 700)) {
            // when the resident's map is shown at zoom 17 around that vertex, with its tiles loaded
            browser.get("/report");
            browser.waitFor(Duration.ofSeconds(30), d -> "true".equals(d.findElement(By.tagName("body"))
                    .getAttribute("data-ready")));
            @SuppressWarnings("unchecked")
            Map<String, Object> drawn = (Map<String, Object>) browser.js("""
                    const g = window.gridwatch;
                    // the map at whole-pixel page coordinates, so that page and map pixels coincide
                    const el = document.getElementById('map');
                    Object.assign(el.style, {position: 'fixed', left: '0px', top: '0px', width: '640px',
                        height: '480px', border: '0', borderRadius: '0', zIndex: 1000});
                    g.map.invalidateSize({animate: false});
                    let ll = g.outline.getLayers()[0].getLatLngs();
                    while (Array.isArray(ll)) ll = ll[0];
                    g.map.setView(ll, arguments[0], {animate: false});
                    const p = g.map.latLngToContainerPoint(ll);
                    const r = document.getElementById('map').getBoundingClientRect();
                    const plain = g.map.latLngToContainerPoint(L.latLng(arguments[2], arguments[1]));
                    g.outline.remove();
                    return {x: r.left + p.x, y: r.top + p.y, plainX: r.left + plain.x, plainY: r.top + plain.y};
                    """, ZOOM, lon, lat);
            // every tile on screen of the new zoom (the old zoom's go once these are in), loaded and faded in: a
            // screenshot mid-fade blends the mark's red with the tile's light ground
            browser.waitFor(Duration.ofSeconds(30), d -> (Boolean) browser.js("""
                    const t = [...document.querySelectorAll('img.leaflet-tile')];
                    return t.length > 0 && t.every(i => i.complete && i.naturalWidth > 0
                            && i.src.includes('/tiles/' + arguments[0] + '/') && getComputedStyle(i).opacity === '1')
                        && document.querySelectorAll('.leaflet-tile-loading').length === 0;""", ZOOM));
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(
                    ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES)));

            // then the red mark on the tiles is where the overlay drew the vertex, within a pixel
            double[] mark = redCentre(shot);
            double x = ((Number) drawn.get("x")).doubleValue();
            double y = ((Number) drawn.get("y")).doubleValue();
            assertThat(Math.abs(mark[0] - x)).as("x: mark %.2f, overlay %.2f", mark[0], x).isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(mark[1] - y)).as("y: mark %.2f, overlay %.2f", mark[1], y).isLessThanOrEqualTo(1.0);
            assertThat(browser.driver.findElement(By.cssSelector(".leaflet-control-attribution")).getText())
                    .contains("test tiles");
            browser.screenshot(Screenshots.file("basemap-" + crs + ".png"));
            return Math.hypot(((Number) drawn.get("plainX")).doubleValue() - x,
                    ((Number) drawn.get("plainY")).doubleValue() - y);
        }
    }

    private static JsonArray firstVertex(JsonObject collection) {
        JsonObject geometry = collection.getJsonArray("features").getJsonObject(0).getJsonObject("geometry");
        JsonArray coordinates = geometry.getJsonArray("coordinates");
        JsonArray ring = "MultiPolygon".equals(geometry.getString("type"))
                ? coordinates.getJsonArray(0).getJsonArray(0) : coordinates.getJsonArray(0);
        return ring.getJsonArray(0);
    }

    /** The centre of the red pixels: the mark is a 3 × 3 square around one tile pixel. */
    private static double[] redCentre(BufferedImage shot) {
        double sumX = 0;
        double sumY = 0;
        int n = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                Color c = new Color(shot.getRGB(x, y));
                if (c.getRed() > 200 && c.getGreen() < 60 && c.getBlue() < 60) {
                    sumX += x + 0.5;
                    sumY += y + 0.5;
                    n++;
                }
            }
        }
        assertThat(n).as("red pixels of the mark in the screenshot").isBetween(1, 9);
        return new double[] {sumX / n, sumY / n};
    }

    /** A light tile with the mark where it falls on this tile (only at zoom 17). */
    private static byte[] tile(int z, int x, int y) {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0xe8, 0xec, 0xe4));
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        if (z == ZOOM) {
            int px = (int) Math.floor(markX) - x * 256;
            int py = (int) Math.floor(markY) - y * 256;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (px + dx >= 0 && px + dx < 256 && py + dy >= 0 && py + dy < 256) {
                        image.setRGB(px + dx, py + dy, 0xff0000);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Web Mercator world pixels at {@link #ZOOM}, as Leaflet's EPSG:3857 computes them. */
    static double worldX(double lon) {
        return (lon + 180) / 360 * 256 * Math.pow(2, ZOOM);
    }

    static double worldY(double lat) {
        double phi = Math.toRadians(lat);
        return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * 256 * Math.pow(2, ZOOM);
    }
}
