package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * The pages in Chromium take the kinds from the server's registry: the map's kind filter and its list of open
 * alerts show a gas leak and a heat alarm with their own icons and labels, in Chinese and, after a switch, in
 * English, with no copy of the kinds in the pages.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KindPagesIT {

    static final String PASSWORD = "s3cret-pass";

    static ServerFixture fixture;
    static String admin;
    static GridUnit cell;
    static Browser browser;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        cell = fixture.server.locator().grid().units(Level.CELL).get(7);
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, new JsonObject().put("username", "rescue.kinds")
                .put("password", PASSWORD).put("name", "rescue").put("role", "rescue")
                .put("unit", fixture.server.locator().grid().district().id()));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        browser = Browser.open(fixture.server.httpPort(), 1366, 1100);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    @Test
    void aGasLeakAndAHeatAlarmAreShownWithTheirIconsAndLabelsInBothLanguages() throws Exception {
        // given a gas leak and a heat alarm in a cell
        publish("pages-gas-1", "gas", "\"lel\":61.5,\"alarm\":true");
        publish("pages-heat-1", "heat", "\"temp_c\":66.0,\"alarm\":true");

        // when a rescue team opens the map
        browser.get("/");
        browser.logIn("rescue.kinds", PASSWORD);

        // then the kind filter offers the registry's kinds, with icons, in Chinese
        browser.waitFor(Duration.ofSeconds(30), d -> d.findElement(By.id("filter-kind")).getText().contains("温感"));
        String filters = browser.driver.findElement(By.id("filter-kind")).getText();
        assertThat(filters).contains("⚠ 燃气", "♨ 温感", "☁ 烟感", "≋ 水位");
        // and both alerts are listed with their labels
        browser.waitFor(Duration.ofSeconds(30), d -> {
            String list = d.findElement(By.id("alert-list")).getText();
            return list.contains("燃气") && list.contains("温感");
        });
        assertThat(browser.driver.findElement(By.id("alert-list")).getText()).contains("紧急");

        // and in English after the switch
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        browser.waitFor(Duration.ofSeconds(30), d -> d.findElement(By.id("filter-kind")).getText().contains("heat"));
        assertThat(browser.driver.findElement(By.id("filter-kind")).getText()).contains("⚠ gas", "♨ heat")
                .doesNotContain("燃气");
        browser.waitFor(Duration.ofSeconds(30), d -> {
            String list = d.findElement(By.id("alert-list")).getText();
            return list.contains("gas") && list.contains("heat") && list.contains("critical");
        });
        browser.driver.findElement(By.cssSelector("button.lang")).click();
    }

    private static void publish(String id, String kind, String values) throws Exception {
        var inside = cell.geometry().getInteriorPoint();
        HttpResponse<Buffer> created = fixture.post("/api/devices", admin, new JsonObject().put("id", id)
                .put("kind", kind).put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        Mqtt5BlockingClient client = fixture.mqtt5(id, created.bodyAsJsonObject().getString("token"));
        try {
            client.publishWith().topic("devices/" + id + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1," + values + ",\"battery\":80}")
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            client.disconnect();
        }
    }
}
