package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.report.TestImages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * A case in two real browser windows, both phone-sized: the cell's worker acknowledges a smoke alarm and
 * dispatches it to the fire brigade (proposed by the alert's kind), the brigade's console receives it live,
 * accepts it and reports the handling with a note and a photo, and the worker verifies it; then the department
 * console in English returns a second case, which the district, on the map, sends to water affairs. No step goes
 * through the API behind the pages' back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DepartmentPagesIT {

    static final String FIRE = "fire";
    static final String FIRE_NAME = "光明区消防救援大队";
    static final String HANDLING = "已到场扑灭，楼道清理完毕";

    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static String admin;
    static GridUnit cell;
    static Browser browser;
    static String departmentWindow;
    static String workerWindow;
    static String alertId;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        cell = fixture.server.locator().grid().units(Level.CELL).get(7);
        HttpResponse<Buffer> departments = fixture.post("/api/departments", admin, new JsonArray()
                .add(department(FIRE, FIRE_NAME, "smoke", "heat"))
                .add(department("water", "光明区水务局", "water_level", "flooding")));
        assertThat(departments.statusCode()).as(departments.bodyAsString()).isEqualTo(201);
        addPerson("fire.duty", "department", FIRE);
        addPerson("worker.cases", "cell_worker", cell.id());
        browser = Browser.open(fixture.server.httpPort(), 412, 915); // a phone
        departmentWindow = browser.driver.getWindowHandle();
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
    void theDepartmentConsoleServedLikeTheOtherPagesStartsEmptyAndLive() throws Exception {
        HttpResponse<Buffer> page = fixture.get("/department", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("/js/department.js").doesNotContain("http://", "https://");
        assertThat(page.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");

        // when the brigade's duty officer logs in
        browser.get("/department");
        browser.logIn("fire.duty", ServerFixture.PASSWORD);

        // then the console is live, names the department and has nothing yet
        browser.waitFor(Duration.ofSeconds(20), d -> Boolean.TRUE.equals(browser.stat("ready"))
                && "live".equals(browser.stat("link")));
        assertThat(browser.driver.findElement(By.id("who")).getText()).contains(FIRE_NAME);
        assertThat(browser.driver.findElement(By.id("empty")).isDisplayed()).isTrue();
    }

    @Test
    @Order(2)
    void theWorkerAcknowledgesAndDispatchesToTheProposedDepartmentWhichSeesTheCaseArriveLive() throws Exception {
        // given a smoke alarm in the worker's cell, on the worker console in a second window
        browser.driver.switchTo().newWindow(WindowType.WINDOW);
        browser.driver.manage().window().setSize(new Dimension(412, 915));
        workerWindow = browser.driver.getWindowHandle();
        browser.get("/worker");
        browser.logIn("worker.cases", ServerFixture.PASSWORD);
        publishAlarm("cases-smoke-1");
        WebElement card = browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.card"))
                .stream().findFirst().orElse(null));
        alertId = card.getAttribute("data-alert-id");

        // when the worker acknowledges it and dispatches it with a note, keeping the proposed department
        card.findElement(By.cssSelector("button.ack")).click();
        WebElement dispatch = browser.waitFor(Duration.ofSeconds(10),
                d -> d.findElements(By.cssSelector(cardSelector() + " form.dispatch")).stream().findFirst().orElse(null));
        Select department = new Select(dispatch.findElement(By.name("department")));
        assertThat(department.getFirstSelectedOption().getAttribute("value")).isEqualTo(FIRE);
        assertThat(department.getFirstSelectedOption().getText()).contains(FIRE_NAME, "建议");
        new Select(dispatch.findElement(By.name("due"))).selectByValue("PT1H");
        dispatch.findElement(By.name("note")).sendKeys("三楼楼道冒烟，请速到场");
        dispatch.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> "dispatched".equals(statusOf(alertId)));

        // then the brigade's console has the case, with the order and a banner, without a reload
        browser.driver.switchTo().window(departmentWindow);
        browser.waitFor(Duration.ofSeconds(5), d -> !d.findElements(By.cssSelector(cardSelector())).isEmpty());
        String text = browser.driver.findElement(By.cssSelector(cardSelector())).getText();
        assertThat(text).contains("已派单", cell.name(), "三楼楼道冒烟，请速到场", "签收", "退回");
        assertThat(browser.driver.findElement(By.id("banner")).getText()).contains("新派单");
        assertThat(chineseViewText()).as("no English sentence in the Chinese view").doesNotContainPattern("[A-Za-z]{3,}");
    }

    @Test
    @Order(3)
    void theDepartmentAcceptsAndReportsTheHandlingWithANoteAndAPhoto() throws Exception {
        // when the brigade accepts the case
        browser.driver.findElement(By.cssSelector(cardSelector() + " button.accept")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> "accepted".equals(statusOf(alertId))
                && !d.findElements(By.cssSelector(cardSelector() + " form.handle")).isEmpty());
        browser.screenshot(Screenshots.file("department.png"));

        // and reports the handling with a note and a photo from the scene
        Path photo = dir.resolve("scene.jpg");
        Files.write(photo, TestImages.jpeg(TestImages.halves(640, 480)));
        WebElement handle = browser.waitFor(Duration.ofSeconds(10),
                d -> d.findElements(By.cssSelector(cardSelector() + " form.handle")).stream().findFirst().orElse(null));
        handle.findElement(By.name("note")).sendKeys(HANDLING);
        handle.findElement(By.name("photo")).sendKeys(photo.toString());
        assertThat(handle.findElement(By.cssSelector(".chosen")).getText()).isEqualTo("已选 1 张");
        handle.findElement(By.cssSelector("button[type=submit]")).click();

        // then the case is handled, with the photo kept, and waits for the grid's check
        browser.waitFor(Duration.ofSeconds(20), d -> "handled".equals(statusOf(alertId)));
        assertThat(browser.js("return window.gridwatch.alert(arguments[0]).case.photos.length", alertId)).isEqualTo(1L);
        assertThat(browser.driver.findElement(By.cssSelector(cardSelector())).getText()).contains("已处置，待核查");
        assertThat(browser.driver.findElements(By.cssSelector(cardSelector() + " form"))).isEmpty();
    }

    @Test
    @Order(4)
    void theWorkerSeesTheHandlingLiveAndVerifiesItAndTheTrailHasEveryStep() throws Exception {
        // given the worker's console, which has followed the case live
        browser.driver.switchTo().window(workerWindow);
        browser.waitFor(Duration.ofSeconds(5), d -> "handled".equals(statusOf(alertId)));
        WebElement card = browser.driver.findElement(By.cssSelector(cardSelector()));
        assertThat(card.getText()).contains(HANDLING, FIRE_NAME);

        // and a failed check without a word of why is refused on the page, nothing sent
        card.findElement(By.cssSelector("button.fail")).click();
        browser.waitFor(Duration.ofSeconds(5), d -> card.findElement(By.cssSelector(".actions .error")).getText()
                .contains("请写明原因"));
        assertThat(statusOf(alertId)).isEqualTo("handled");

        // when the worker passes the check
        card.findElement(By.name("note")).sendKeys("现场核查无误");
        card.findElement(By.cssSelector("button.pass")).click();

        // then the case is closed and leaves both consoles
        browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(cardSelector())).isEmpty());
        browser.driver.switchTo().window(departmentWindow);
        browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(cardSelector())).isEmpty());

        // and its audit trail has every step, the department's with the department's actor
        JsonObject alert = fixture.get("/api/alerts/" + alertId, admin).bodyAsJsonObject();
        assertThat(alert.getString("status")).isEqualTo("resolved");
        List<String> steps = alert.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList();
        assertThat(steps).containsSubsequence("opened", "acknowledged", "dispatched", "accepted", "handled", "verified");
        assertThat(alert.getJsonArray("events").stream().map(e -> (JsonObject) e)
                .filter(e -> e.getString("type").equals("handled")).map(e -> e.getString("actor")))
                .containsExactly("fire.duty");
    }

    @Test
    @Order(5)
    void theDepartmentConsoleSpeaksEnglishWithOneClickAndReturnsACaseWithAReason() throws Exception {
        // given a second case, dispatched to the brigade through the worker's page
        browser.driver.switchTo().window(workerWindow);
        publishAlarm("cases-smoke-2");
        WebElement card = browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("li.card"))
                .stream().findFirst().orElse(null));
        alertId = card.getAttribute("data-alert-id");
        card.findElement(By.cssSelector("button.ack")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector(cardSelector() + " form.dispatch"))
                .isEmpty());
        browser.driver.findElement(By.cssSelector(cardSelector() + " form.dispatch button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> "dispatched".equals(statusOf(alertId)));

        // when the brigade switches its console to English
        browser.driver.switchTo().window(departmentWindow);
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        browser.waitFor(Duration.ofSeconds(20), d -> "Department console".equals(d.findElement(By.tagName("h1")).getText())
                && !d.findElements(By.cssSelector(cardSelector())).isEmpty());

        // then its labels are English, and it returns the case with a reason
        WebElement english = browser.driver.findElement(By.cssSelector(cardSelector()));
        assertThat(english.getText()).contains("Dispatched", "Accept", "Return");
        browser.screenshot(Screenshots.file("department-en.png"));
        english.findElement(By.name("reason")).sendKeys("不属于本部门职责");
        english.findElement(By.cssSelector("form.return button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(cardSelector())).isEmpty());
        browser.driver.findElement(By.cssSelector("button.lang")).click(); // back to Chinese for whoever comes next
        browser.waitFor(Duration.ofSeconds(20), d -> "部门工作台".equals(d.findElement(By.tagName("h1")).getText()));

        // and the worker sees it back, with the reason, and may dispatch it again
        browser.driver.switchTo().window(workerWindow);
        browser.waitFor(Duration.ofSeconds(10), d -> "returned".equals(statusOf(alertId)));
        assertThat(browser.driver.findElement(By.cssSelector(cardSelector())).getText()).contains("不属于本部门职责");
        assertThat(browser.driver.findElements(By.cssSelector(cardSelector() + " form.dispatch"))).hasSize(1);
    }

    @Test
    @Order(6)
    void theDistrictOnTheMapSeesTheDepartmentsStepsInTheTimelineAndDispatchesTheReturnedCaseElsewhere()
            throws Exception {
        // given the district command centre on the map, in a desk-sized window
        addPerson("district.cases", "district", fixture.server.locator().grid().district().id());
        browser.driver.switchTo().window(workerWindow);
        browser.driver.findElement(By.cssSelector("button.logout")).click();
        browser.driver.manage().window().setSize(new Dimension(1366, 1000));
        browser.get("/");
        browser.logIn("district.cases", ServerFixture.PASSWORD);
        browser.waitFor(Duration.ofSeconds(60), d -> Boolean.TRUE.equals(browser.stat("ready")));

        // when it opens the returned case
        browser.js("window.gridwatch.select(arguments[0])", alertId);

        // then the timeline tells the brigade's return, by whom and why
        By returned = By.cssSelector("#detail .timeline li[data-event='returned']");
        browser.waitFor(Duration.ofSeconds(10), d -> !d.findElements(returned).isEmpty());
        assertThat(browser.driver.findElement(returned).getText()).contains("部门退回", FIRE_NAME, "fire.duty",
                "不属于本部门职责");

        // and it dispatches the case to water affairs from the panel
        new Select(browser.driver.findElement(By.cssSelector("#detail form.dispatch select[name=department]")))
                .selectByValue("water");
        browser.driver.findElement(By.cssSelector("#detail form.dispatch button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), d -> "dispatched".equals(statusOf(alertId)));
        assertThat(browser.js("return window.gridwatch.alert(arguments[0]).case.department.id", alertId))
                .isEqualTo("water");
        browser.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.id("detail")).getText().contains("光明区水务局"));
    }

    private static String cardSelector() {
        return "li.card[data-alert-id='" + alertId + "']";
    }

    /** The page's own words on the department console: title, headings, the cards' labels and buttons. */
    private static String chineseViewText() {
        return String.valueOf(browser.js("return [...document.querySelectorAll('h1, h2, #link, .card .state, "
                + ".card .mine, .card .case, .card .word, .card .actions, button.logout')]"
                + ".map((e) => e.innerText).join('\\n')"));
    }

    private static Object statusOf(String id) {
        return browser.js("const a = window.gridwatch && window.gridwatch.alert(arguments[0]); return a && a.status", id);
    }

    private static JsonObject department(String id, String name, String... handles) {
        return new JsonObject().put("id", id).put("name", name).put("handles", new JsonArray(List.of(handles)));
    }

    private static void addPerson(String username, String role, String unit) throws Exception {
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, ServerFixture.personJson(username, role, unit));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    private static void publishAlarm(String deviceId) throws Exception {
        var inside = cell.geometry().getInteriorPoint();
        HttpResponse<Buffer> created = fixture.post("/api/devices", admin, new JsonObject().put("id", deviceId)
                .put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        Mqtt5BlockingClient client = fixture.mqtt5(deviceId, created.bodyAsJsonObject().getString("token"));
        try {
            client.publishWith().topic("devices/" + deviceId + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":1,\"obscuration\":12.5,"
                            + "\"alarm\":true,\"battery\":88}").getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            client.disconnect();
        }
    }
}
