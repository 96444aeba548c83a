package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in a real browser against the whole server: the map draws the grid and devices, an alarm published
 * over MQTT shows up live, a worker acknowledges it on the console and the map follows, and a dropped live link
 * comes back with the state the server has.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesIT {

    static final String PASSWORD = "s3cret-pass";

    static ServerFixture fixture;
    static String admin;
    static GridUnit cell;
    static Browser browser;
    static String mapWindow;
    static String smokeAlert;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        cell = fixture.server.locator().grid().units(Level.CELL).get(42);
        String district = fixture.server.locator().grid().district().id();
        addPerson("rescue.map", "rescue", district);
        addPerson("worker.console", "cell_worker", cell.id());
        browser = Browser.open(fixture.server.httpPort(), 1366, 1100);
        mapWindow = browser.driver.getWindowHandle();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    @Test
    @Order(1)
    void theMapDrawsEveryCellAndEveryDeviceOnItsCanvas() throws Exception {
        // given two devices in the cell
        assertThat(fixture.post("/api/devices", admin, new JsonArray()
                .add(device("pages-smoke-1", "smoke")).add(device("pages-gauge-1", "water_level"))).statusCode())
                .isEqualTo(201);

        // when a rescue team logs in on /
        browser.get("/");
        browser.logIn("rescue.map", PASSWORD);

        // then the 1,734 cells and both devices are drawn, and another level can be chosen
        browser.waitFor(Duration.ofSeconds(30), d -> Long.valueOf(1734).equals(browser.stat("cells")));
        assertThat(browser.stat("devices")).isEqualTo(2L);
        new Select(browser.driver.findElement(By.id("grid-level"))).selectByValue("sector");
        browser.waitFor(Duration.ofSeconds(10), d -> Long.valueOf(272).equals(browser.stat("cells")));
        new Select(browser.driver.findElement(By.id("grid-level"))).selectByValue("cell");
        browser.waitFor(Duration.ofSeconds(10), d -> Long.valueOf(1734).equals(browser.stat("cells")));

        // and the labels switch to English and back, still logged in
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("实时告警地图");
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        browser.waitFor(Duration.ofSeconds(20), d -> "Live alert map".equals(d.findElement(By.tagName("h1")).getText())
                && Long.valueOf(1734).equals(browser.stat("cells")));
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        browser.waitFor(Duration.ofSeconds(20), d -> "实时告警地图".equals(d.findElement(By.tagName("h1")).getText())
                && Long.valueOf(1734).equals(browser.stat("cells")));
        assertThat(browser.driver.findElement(By.cssSelector("link[href='/vendor/leaflet/leaflet.css']"))).isNotNull();
    }

    @Test
    @Order(2)
    void thePagesAndLeafletComeFromTheServerItselfUnderAPolicy() throws Exception {
        HttpResponse<Buffer> map = fixture.get("/", null);
        HttpResponse<Buffer> worker = fixture.get("/worker", null);
        HttpResponse<Buffer> leaflet = fixture.get("/vendor/leaflet/leaflet.js", null);
        HttpResponse<Buffer> module = fixture.get("/js/map.js", null);

        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.bodyAsString()).contains("/js/map.js").doesNotContain("http://", "https://");
        assertThat(map.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(worker.bodyAsString()).contains("/js/console.js");
        assertThat(leaflet.statusCode()).isEqualTo(200);
        assertThat(module.getHeader("cache-control")).isNull();
        assertThat(fixture.get("/api/config", null).statusCode()).isEqualTo(401);
        JsonObject config = fixture.get("/api/config", admin).bodyAsJsonObject();
        assertThat(config.getString("tile_url")).isNull();
        assertThat(config.getString("grid_crs")).isEqualTo("WGS84");
    }

    @Test
    @Order(3)
    void aDevicesRecentReadingsComeOldestFirst() throws Exception {
        // given a gauge that sent two readings
        String token = deviceToken("pages-gauge-2", "water_level");
        Mqtt5BlockingClient client = fixture.mqtt5("pages-gauge-2", token);
        long now = System.currentTimeMillis();
        for (int seq = 1; seq <= 2; seq++) {
            client.publishWith().topic("devices/pages-gauge-2/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"ts\":" + (now - 60_000 + seq * 1000) + ",\"seq\":" + seq + ",\"level\":" + (1.5 + seq)
                            + ",\"battery\":90}").getBytes(StandardCharsets.UTF_8)).send();
        }
        client.disconnect();

        // when the map asks for its readings of the last hour
        JsonObject body = fixture.get("/api/devices/pages-gauge-2/readings?since="
                + Instant.ofEpochMilli(now - 3_600_000), admin).bodyAsJsonObject();

        // then both come, oldest first
        assertThat(body.getJsonArray("readings").stream().map(r -> ((JsonObject) r).getDouble("level")))
                .containsExactly(2.5, 3.5);
        assertThat(fixture.get("/api/devices/pages-gauge-2/readings?since=yesterday", admin).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void anAlarmPublishedOverMqttIsOnTheMapWithinTwoSeconds() throws Exception {
        // given the map's live link is up
        browser.waitFor(Duration.ofSeconds(20), d -> "live".equals(browser.stat("link")));
        String token = deviceToken("pages-smoke-2", "smoke");

        // when the detector publishes an alarm
        publishAlarm("pages-smoke-2", token, 1);

        // then within two seconds of the PUBACK the map holds the alert, critical and open, and draws it
        Map<?, ?> alert = browser.waitFor(Duration.ofSeconds(2), d -> {
            Map<?, ?> held = alertFrom("pages-smoke-2");
            return held != null && !d.findElements(By.cssSelector("button[data-alert-id='" + held.get("id") + "']"))
                    .isEmpty() ? held : null;
        });
        assertThat(alert.get("severity")).isEqualTo("critical");
        assertThat(alert.get("status")).isEqualTo("open");
        smokeAlert = String.valueOf(alert.get("id"));
        assertThat((Long) browser.stat("drawnAlerts")).isGreaterThanOrEqualTo(1L);

        // and a click on it in the list names all five units and shows its timeline
        browser.driver.findElement(By.cssSelector("button[data-alert-id='" + smokeAlert + "']")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("#detail .timeline li")).isEmpty());
        String detail = browser.driver.findElement(By.id("detail")).getText();
        assertThat(detail).contains(cell.name(), fixture.server.locator().grid().district().name());
    }

    @Test
    @Order(5)
    void aWorkerIsAlertedToANewCriticalAlertAcknowledgesOneAndTheMapShowsItAcknowledged() throws Exception {
        // given the cell's worker, who logs in on the map in a second, phone-sized window and is sent to /worker
        browser.driver.switchTo().newWindow(WindowType.WINDOW);
        browser.driver.manage().window().setSize(new Dimension(412, 915)); // a phone
        browser.get("/");
        browser.logIn("worker.console", PASSWORD);
        browser.waitFor(Duration.ofSeconds(10), d -> d.getCurrentUrl().endsWith("/worker"));
        By card = By.cssSelector("li.card[data-alert-id='" + smokeAlert + "']");
        browser.waitFor(Duration.ofSeconds(20), d -> !d.findElements(card).isEmpty());
        assertThat(browser.driver.findElement(card).getAttribute("class")).contains("mine", "severity-critical");

        // and a new critical alert in the cell shows the banner, with the new card first
        publishAlarm("pages-smoke-4", deviceToken("pages-smoke-4", "smoke"), 1);
        browser.waitFor(Duration.ofSeconds(5), d -> !String.valueOf(browser.stat("banner")).isBlank());
        assertThat(browser.driver.findElement(By.id("banner")).getText()).contains(cell.name());
        assertThat(browser.driver.findElement(By.cssSelector("li.card")).getAttribute("data-alert-id"))
                .isNotEqualTo(smokeAlert);

        // when the worker acknowledges it
        browser.driver.findElement(card).findElement(By.cssSelector("button.ack")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> "acknowledged".equals(statusOf(smokeAlert)));

        // then the map shows it acknowledged
        browser.driver.close();
        browser.driver.switchTo().window(mapWindow);
        browser.waitFor(Duration.ofSeconds(5), d -> "acknowledged".equals(statusOf(smokeAlert))
                && !d.findElements(By.cssSelector("button.status-acknowledged[data-alert-id='" + smokeAlert + "']"))
                        .isEmpty());
    }

    @Test
    @Order(6)
    void afterTheLiveLinkDropsTheSnapshotReplacesTheStateAndShowsWhatHappenedMeanwhile() throws Exception {
        // given the map is live, and a second detector
        browser.waitFor(Duration.ofSeconds(20), d -> "live".equals(browser.stat("link")));
        String token = deviceToken("pages-smoke-3", "smoke");

        // when the link drops and, while it is down, one alert is resolved and another raised
        browser.js("window.gridwatch.dropLink(5000)");
        browser.waitFor(Duration.ofSeconds(5), d -> "down".equals(browser.stat("link")));
        assertThat(browser.driver.findElement(By.id("link")).getAttribute("data-state")).isEqualTo("down");
        HttpResponse<Buffer> resolved = fixture.post("/api/alerts/" + smokeAlert + "/resolve", admin,
                new JsonObject().put("note", "checked on site"));
        assertThat(resolved.statusCode()).as(resolved.bodyAsString()).isEqualTo(200);
        publishAlarm("pages-smoke-3", token, 1);
        assertThat(browser.stat("link")).as("the link is still down").isEqualTo("down");

        // then after the reconnection the resolved alert is gone and the new one is there
        browser.waitFor(Duration.ofSeconds(20), d -> "live".equals(browser.stat("link")));
        browser.waitFor(Duration.ofSeconds(5), d -> alertFrom("pages-smoke-3") != null
                && d.findElements(By.cssSelector("button[data-alert-id='" + smokeAlert + "']")).isEmpty());
        assertThat(browser.js("return window.gridwatch.alert(arguments[0])", smokeAlert)).isNull();
        assertThat(browser.driver.findElement(By.id("detail")).isDisplayed()).as("its panel is closed").isFalse();
    }

    private static Map<?, ?> alertFrom(String deviceId) {
        return (Map<?, ?>) browser.js("return window.gridwatch.alertFrom(arguments[0])", deviceId);
    }

    private static Object statusOf(String alertId) {
        return browser.js("const a = window.gridwatch && window.gridwatch.alert(arguments[0]); return a && a.status",
                alertId);
    }

    private static void addPerson(String username, String role, String unit) throws Exception {
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, new JsonObject().put("username", username)
                .put("password", PASSWORD).put("name", username).put("role", role).put("unit", unit));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    private static JsonObject device(String id, String kind) {
        var inside = cell.geometry().getInteriorPoint();
        return new JsonObject().put("id", id).put("kind", kind).put("lon", inside.getX()).put("lat", inside.getY());
    }

    private static String deviceToken(String id, String kind) throws Exception {
        HttpResponse<Buffer> created = fixture.post("/api/devices", admin, device(id, kind));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("token");
    }

    private static void publishAlarm(String id, String token, long seq) {
        Mqtt5BlockingClient client = fixture.mqtt5(id, token);
        try {
            client.publishWith().topic("devices/" + id + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq + ",\"obscuration\":12.5,"
                            + "\"alarm\":true,\"battery\":88}").getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            client.disconnect();
        }
    }
}
