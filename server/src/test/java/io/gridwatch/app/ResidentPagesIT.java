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
    static GridUnit cell;
    static GridUnit tappedCell;
    static String exifCode;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start(dir, Map.of("GRIDWATCH_REPORT_RATE", "30"));
        cell = fixture.server.locator().grid().units(Level.CELL).get(500);
        tappedCell = fixture.server.locator().grid().units(Level.CELL).get(900);
        worker = fixture.person("resident.worker", "cell_worker", cell.id());
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
        browser.screenshot(Screenshots.file("track.png"));
    }

    @Test
    @Order(5)
    void anUnknownCodeIsAPlainNotFound() {
        openTrackPage("0000000000ZZ");
        assertThat(browser.driver.findElement(By.id("message")).getText()).isEqualTo("未找到该查询码，请核对后再试");
        assertThat(browser.driver.findElement(By.id("report")).isDisplayed()).isFalse();
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

    private static String alertOf(String code) throws Exception {
        JsonArray alerts = fixture.get("/api/alerts", worker).bodyAsJsonObject().getJsonArray("alerts");
        long reportId = fixture.count("SELECT id FROM reports WHERE tracking_code = '" + code + "'");
        return alerts.stream().map(JsonObject.class::cast)
                .filter(a -> Long.toString(reportId).equals(a.getJsonObject("source").getString("report")))
                .findFirst().orElseThrow().getString("id");
    }
}
