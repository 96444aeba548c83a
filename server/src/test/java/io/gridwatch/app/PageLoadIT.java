package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.testing.Eventually;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A measurement, not a timed assertion: how long the map takes on localhost to draw the grid, 10,000 devices
 * and 200 open alerts (from navigation start to the page's {@code gridwatch-ready} mark). The numbers go to
 * stdout and {@code server/target/page-load.txt}; {@code docs/benchmarks.md} records them with the command.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PageLoadIT {

    static final int DEVICES = 10_000;
    static final int ALERTS = 200;
    static final int LOADS = 4;


    @Test
    void theMapWithTenThousandDevicesAndTwoHundredOpenAlertsIsMeasuredFromNavigationToReady() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            // given 10,000 devices over every cell and 200 smoke alarms raised over MQTT
            String admin = fixture.adminToken();
            List<GridUnit> cells = fixture.server.locator().grid().units(Level.CELL);
            JsonArray devices = new JsonArray();
            for (int i = 0; i < DEVICES; i++) {
                var inside = cells.get(i % cells.size()).geometry().getInteriorPoint();
                devices.add(new JsonObject().put("id", "load-" + i).put("kind", i % 3 == 0 ? "water_level" : "smoke")
                        .put("lon", inside.getX()).put("lat", inside.getY()));
            }
            HttpResponse<Buffer> created = fixture.post("/api/devices", admin, devices);
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            JsonArray tokens = created.bodyAsJsonArray();
            int raised = 0;
            for (int i = 0; raised < ALERTS; i++) {
                if (i % 3 != 0) {
                    alarm(fixture, "load-" + i, tokens.getJsonObject(i).getString("token"));
                    raised++;
                }
            }
            Eventually.until(Duration.ofSeconds(60), "200 alerts are open", () -> openAlerts(fixture) == ALERTS);
            assertThat(fixture.post("/api/people", admin, new JsonObject().put("username", "rescue.load")
                    .put("password", "s3cret-pass").put("name", "rescue.load").put("role", "rescue")
                    .put("unit", fixture.server.locator().grid().district().id())).statusCode()).isEqualTo(201);

            try (Browser browser = Browser.open(fixture.server.httpPort(), 1366, 850)) {
                // when the map is loaded, logged in (the session survives reloads), several times
                browser.get("/");
                browser.logIn("rescue.load", "s3cret-pass");
                awaitReady(browser);
                List<Map<?, ?>> loads = new ArrayList<>();
                for (int i = 0; i < LOADS; i++) {
                    browser.driver.navigate().refresh();
                    loads.add(awaitReady(browser));
                }

                // then everything is drawn, and the timings are written down
                assertThat(browser.stat("devices")).isEqualTo((long) DEVICES);
                assertThat(browser.stat("alerts")).isEqualTo((long) ALERTS);
                assertThat(browser.stat("cells")).isEqualTo((long) cells.size());
                report(loads);
            }
        }
    }

    private static Map<?, ?> awaitReady(Browser browser) {
        browser.waitFor(Duration.ofSeconds(60), d -> "true".equals(browser.js("return document.body.dataset.ready")));
        return (Map<?, ?>) browser.js("""
                const nav = performance.getEntriesByType('navigation')[0];
                const mark = (name) => performance.getEntriesByName(name)[0].startTime;
                return {ready: mark('gridwatch-ready'), fetched: mark('gridwatch-fetched'),
                        drawn: mark('gridwatch-drawn'), domContentLoaded: nav.domContentLoadedEventEnd,
                        load: nav.loadEventEnd, transferred: nav.transferSize};
                """);
    }

    private static void report(List<Map<?, ?>> loads) throws Exception {
        List<Double> ready = loads.stream().map(l -> ((Number) l.get("ready")).doubleValue()).sorted().toList();
        String line = String.format(Locale.ROOT,
                "page load (grid 1734 cells + %d devices + %d open alerts), navigation start to ready, %d reloads: "
                        + "median %.0f ms, min %.0f ms, max %.0f ms; medians: DOMContentLoaded %.0f ms, "
                        + "data fetched %.0f ms, drawn %.0f ms",
                DEVICES, ALERTS, loads.size(), ready.get(ready.size() / 2), ready.get(0), ready.get(ready.size() - 1),
                median(loads, "domContentLoaded"), median(loads, "fetched"), median(loads, "drawn"));
        System.out.println(line);
        Files.writeString(Path.of("target", "page-load.txt"), line + System.lineSeparator());
    }

    private static double median(List<Map<?, ?>> loads, String key) {
        List<Double> values = loads.stream().map(l -> ((Number) l.get(key)).doubleValue()).sorted().toList();
        return values.get(values.size() / 2);
    }

    private static long openAlerts(ServerFixture fixture) {
        try {
            return fixture.count("SELECT count(*) FROM alerts WHERE status = 'open'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void alarm(ServerFixture fixture, String id, String token) {
        Mqtt5BlockingClient client = fixture.mqtt5(id, token);
        try {
            client.publishWith().topic("devices/" + id + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"obscuration\":9.0,"
                            + "\"alarm\":true,\"battery\":80}").getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            client.disconnect();
        }
    }
}
