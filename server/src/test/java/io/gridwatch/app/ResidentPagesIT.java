package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.report.TestImages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The residents' pages in a real Chromium at phone size (360 × 740): a report with a photo that carries its own GPS
 * position, a report placed by a tap on the map, both followed on their tracking page as the grid works the case, a
 * refusal in plain words, and an unknown code. Screenshots of each page go to {@code docs/} when asked for.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResidentPagesIT {

    static final int WIDTH = 360;

    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static Browser browser;
    static String worker;
    static String worker2;
    static String tappedCode;
    static GridUnit cell;
    static GridUnit tappedCell;
    static String exifCode;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_REPORT_RATE", "30"));
        cell = fixture.server.locator().grid().units(Level.CELL).get(500);
        tappedCell = fixture.server.locator().grid().units(Level.CELL).get(900);
        worker = fixture.person("resident.worker", "cell_worker", cell.id());
        worker2 = fixture.person("resident.worker2", "cell_worker", tappedCell.id());
        browser = Browser.phone(fixture.server.httpPort(), WIDTH, 740);
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
    void aPhotoWithItsOwnGpsPositionIsReportedWithAThumbAndGetsItsTrackingCode() throws Exception {
        // given a photo taken in the cell, its position in its EXIF block
        Point at = cell.geometry().getInteriorPoint();
        Path photo = dir.resolve("IMG_2001.jpg");
        Files.write(photo, TestImages.withExif(TestImages.jpeg(TestImages.halves(640, 480)), 1, at.getX(), at.getY()));

        // when a resident opens /report, picks the photo and a category, and sends it
        openReportPage();
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("随手拍");
        browser.driver.findElement(By.id("gallery")).sendKeys(photo.toString());
        browser.waitFor(Duration.ofSeconds(10), d -> "exif".equals(d.findElement(By.id("where")).getAttribute("data-source")));
        assertThat(browser.driver.findElement(By.id("where")).getText()).contains("照片自带定位");
        tap(browser.driver.findElement(By.cssSelector("[data-category='blocked_fire_exit']")));
        browser.driver.findElement(By.name("description")).sendKeys("楼道堆满杂物");
        browser.driver.findElement(By.name("phone")).sendKeys("138 0000 0000");
        assertThat(browser.js("return window.innerWidth")).isEqualTo(360L);
        assertThat(horizontalOverflow()).as("the page fits 360 px").isLessThanOrEqualTo(0);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot(Screenshots.file("report.png"));
        tap(browser.driver.findElement(By.id("submit")));

        // then the tracking code is shown large with a link to its page, and the report is located from the photo
        WebElement code = browser.waitFor(Duration.ofSeconds(30), d -> {
            WebElement shown = d.findElement(By.id("code"));
            return shown.isDisplayed() && !shown.getText().isBlank() ? shown : null;
        });
        exifCode = code.getText();
        assertThat(exifCode).matches("[0-9A-Z]{12}");
        assertThat(Double.parseDouble(code.getCssValue("font-size").replace("px", ""))).isGreaterThanOrEqualTo(30);
        assertThat(browser.driver.findElement(By.id("track-link")).getAttribute("href")).endsWith("/track/" + exifCode);
        browser.screenshot(Screenshots.file("report-done.png"));
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE tracking_code = '" + exifCode
                + "' AND located_by = 'exif' AND cell_id = '" + cell.id() + "' AND contact_phone = '138 0000 0000'"))
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void aReportPlacedByATapOnTheMapLandsInTheTappedCell() throws Exception {
        // given a photo without any position
        Path photo = dir.resolve("no-gps.jpg");
        Files.write(photo, TestImages.jpeg(TestImages.halves(300, 200)));
        openReportPage();
        browser.driver.findElement(By.id("camera")).sendKeys(photo.toString());

        // when the resident zooms to the cell and taps the map at a point inside it
        Point at = tappedCell.geometry().getInteriorPoint();
        browser.js("const m = window.gridwatch.map; m.setView(window.gridwatch.base.place('WGS84', arguments[0], "
                + "arguments[1]), 17, {animate: false});", at.getX(), at.getY());
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) browser.js("const m = window.gridwatch.map;"
                + " const p = m.latLngToContainerPoint(window.gridwatch.base.place('WGS84', arguments[0], arguments[1]));"
                + " const s = m.getSize(); return {x: p.x - s.x / 2, y: p.y - s.y / 2};", at.getX(), at.getY());
        WebElement map = browser.driver.findElement(By.id("map"));
        new Actions(browser.driver).moveToElement(map, (int) Math.round(((Number) point.get("x")).doubleValue()),
                (int) Math.round(((Number) point.get("y")).doubleValue())).click().perform();
        browser.waitFor(Duration.ofSeconds(5), d -> "map".equals(d.findElement(By.id("where")).getAttribute("data-source")));
        tap(browser.driver.findElement(By.cssSelector("[data-category='other']")));
        tap(browser.driver.findElement(By.id("submit")));

        // then the report is placed where the map was tapped, and says so
        String code = browser.waitFor(Duration.ofSeconds(30), d -> {
            WebElement shown = d.findElement(By.id("code"));
            return shown.isDisplayed() && !shown.getText().isBlank() ? shown.getText() : null;
        });
        tappedCode = code;
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE tracking_code = '" + code
                + "' AND located_by = 'map' AND cell_id = '" + tappedCell.id() + "'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aFileThatIsNoImageIsRefusedInPlainWords() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        openReportPage();
        browser.driver.findElement(By.id("gallery")).sendKeys(text.toString());
        browser.js("window.gridwatch.tap(arguments[0], arguments[1])", cell.geometry().getInteriorPoint().getX(),
                cell.geometry().getInteriorPoint().getY());
        tap(browser.driver.findElement(By.cssSelector("[data-category='smoke']")));
        tap(browser.driver.findElement(By.id("submit")));
        browser.waitFor(Duration.ofSeconds(20), d -> d.findElement(By.id("error")).getText().contains("只能上传照片或图片文件"));
        assertThat(browser.driver.findElement(By.id("report-form")).isDisplayed()).isTrue();
    }

    @Test
    @Order(4)
    void theTrackingPageFollowsTheCaseInPlainWordsWithoutStaffNames() throws Exception {
        // given the report of the first test, acknowledged and resolved by the cell's worker
        openTrackPage(exifCode);
        assertThat(timelineStates()).containsExactly("done", "pending", "pending", "pending", "pending");
        String alertId = alertOf(exifCode);
        assertThat(fixture.post("/api/alerts/" + alertId + "/ack", worker, new JsonObject()).statusCode()).isEqualTo(200);
        openTrackPage(exifCode);
        assertThat(timelineStates()).containsExactly("done", "done", "pending", "pending", "pending");
        assertThat(fixture.post("/api/alerts/" + alertId + "/resolve", worker,
                new JsonObject().put("note", "杂物已由 resident.worker 清理")).statusCode()).isEqualTo(200);

        // when the resident opens the tracking page again
        openTrackPage(exifCode);

        // then it reads received → with the grid worker → (no department needed) → closed, and names nobody
        assertThat(timelineStates()).containsExactly("done", "done", "skipped", "skipped", "done");
        String page = browser.driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains("已受理", "网格员处理中", "已办结", exifCode).doesNotContain("resident.worker", "杂物已由");
        assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
    }

    @Test
    @Order(5)
    void anUnknownCodeIsAPlainNotFound() {
        openTrackPage("0000000000ZZ");
        assertThat(browser.driver.findElement(By.id("message")).getText()).isEqualTo("未找到该查询码，请核对后再试");
        assertThat(browser.driver.findElement(By.id("report")).isDisplayed()).isFalse();
    }

    @Test
    @Order(6)
    void anUnsatisfiedRatingOnTheTrackingPageReopensTheCaseOneLevelUp() throws Exception {
        // given the first report's case, closed by the cell's worker (test 4)
        openTrackPage(exifCode);
        WebElement form = browser.driver.findElement(By.id("rating"));
        assertThat(form.isDisplayed()).isTrue();

        // when the resident rates it unsatisfied, with a comment
        tap(form.findElement(By.cssSelector("input[value='unsatisfied'] + span")));
        form.findElement(By.name("comment")).sendKeys("杂物又堆回来了");
        tap(form.findElement(By.cssSelector("button[type=submit]")));

        // then the page says so, the case is open again one staffed level above the cell, and a second rating is 409
        browser.waitFor(Duration.ofSeconds(20), d -> d.findElement(By.id("rated")).isDisplayed());
        assertThat(browser.driver.findElement(By.id("rated")).getText()).contains("不满意");
        assertThat(browser.driver.findElements(By.cssSelector("#timeline li.reopened"))).hasSize(1);
        JsonObject alert = fixture.get("/api/alerts/" + alertOf(exifCode), admin()).bodyAsJsonObject();
        assertThat(alert.getString("status")).isEqualTo("open");
        assertThat(alert.getString("level")).isNotEqualTo("cell");
        assertThat(alert.getJsonArray("events").stream().map(JsonObject.class::cast)
                .filter(e -> "rated".equals(e.getString("type"))).findFirst().orElseThrow()
                .getJsonObject("detail").getString("score")).isEqualTo("unsatisfied");
        assertThat(fixture.post("/api/reports/" + exifCode + "/rating", null, new JsonObject().put("score", "basic"))
                .statusCode()).isEqualTo(409);
        assertThat(fixture.count("SELECT count(*) FROM case_ratings WHERE score = 'unsatisfied'")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aCaseSentToADepartmentShowsEveryStepAndTheSharedHandlingThenIsRatedSatisfied() throws Exception {
        // given the tapped report's case worked through a department, which shares its handling note
        String admin = admin();
        assertThat(fixture.post("/api/departments", admin, new JsonObject().put("id", "urban-mgmt").put("name", "城管")
                .put("handles", new JsonArray().add("other"))).statusCode()).isEqualTo(201);
        String department = fixture.person("urban.staff", "department", "urban-mgmt");
        String alertId = alertOf(tappedCode, worker2);
        assertThat(fixture.post("/api/alerts/" + alertId + "/ack", worker2, new JsonObject()).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + alertId + "/dispatch", worker2,
                new JsonObject().put("department", "urban-mgmt")).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + alertId + "/accept", department, new JsonObject()).statusCode())
                .isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + alertId + "/handle", department,
                new JsonObject().put("note", "已清运").put("share", true)).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + alertId + "/verify", worker2,
                new JsonObject().put("pass", true).put("note", "现场已核实")).statusCode()).isEqualTo(200);

        // when the resident follows it and rates it
        openTrackPage(tappedCode);
        assertThat(timelineStates()).containsExactly("done", "done", "done", "done", "done");
        assertThat(browser.driver.findElement(By.id("handling-note")).getText()).isEqualTo("已清运");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).doesNotContain("urban.staff", "现场已核实");
        browser.screenshot(Screenshots.file("track.png"));
        tap(browser.driver.findElement(By.cssSelector("input[value='satisfied'] + span")));
        tap(browser.driver.findElement(By.cssSelector("#rating button[type=submit]")));

        // then it is rated once, the case stays closed, and the district's satisfaction counts it
        browser.waitFor(Duration.ofSeconds(20), d -> d.findElement(By.id("rated")).isDisplayed());
        assertThat(fixture.get("/api/alerts/" + alertId, admin).bodyAsJsonObject().getString("status"))
                .isEqualTo("resolved");
        JsonObject satisfaction = fixture.get("/api/stats", admin).bodyAsJsonObject().getJsonObject("satisfaction");
        assertThat(satisfaction.getLong("rated")).isEqualTo(2);
        assertThat(satisfaction.getLong("satisfied")).isEqualTo(1);
        assertThat(satisfaction.getLong("unsatisfied")).isEqualTo(1);
    }

    private static void openReportPage() {
        browser.get("/report");
        browser.waitFor(Duration.ofSeconds(30), d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static void openTrackPage(String code) {
        browser.get("/track/" + code);
        browser.waitFor(Duration.ofSeconds(30), d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static List<String> timelineStates() {
        return browser.driver.findElements(By.cssSelector("#timeline li:not(.reopened)")).stream()
                .map(li -> li.getAttribute("class")).toList();
    }

    /** Scrolls the element into view and clicks it, as a thumb would. */
    private static void tap(WebElement element) {
        browser.js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static long horizontalOverflow() {
        return ((Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
    }

    private static String admin() throws Exception {
        return fixture.adminToken();
    }

    private static String alertOf(String code) throws Exception {
        return alertOf(code, worker);
    }

    private static String alertOf(String code, String token) throws Exception {
        JsonArray alerts = fixture.get("/api/alerts", token).bodyAsJsonObject().getJsonArray("alerts");
        long reportId = fixture.count("SELECT id FROM reports WHERE tracking_code = '" + code + "'");
        return alerts.stream().map(JsonObject.class::cast)
                .filter(a -> Long.toString(reportId).equals(a.getJsonObject("source").getString("report")))
                .findFirst().orElseThrow().getString("id");
    }
}
