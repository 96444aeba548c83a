package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.NewAlert;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * What the people on duty see, in a real browser: the alert that needs the reader comes first and says why, a click
 * brings an alert's detail into view and flies the map to it, neighbouring alerts cluster at district zoom, the
 * timeline reads as a short story, a new critical alert is heard and seen, and the Chinese view has no English
 * sentence. Refreshes the README's screenshots (desktop and phone) when run with {@code -Dgridwatch.screenshots=docs}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DutyPagesIT {

    static final Dimension DESKTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(412, 915);
    /** Two or more Latin-script words in a row: an English phrase, not an id, a unit or a username. */
    static final String LATIN_PHRASES = """
            const found = [];
            const scan = (text) => {
              for (const m of text.matchAll(/[A-Za-z]{2,}(?:[ \\t,;:!?'’()]+[A-Za-z]{2,})+/g)) found.push(m[0]);
            };
            scan(document.body.innerText);
            for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
              if (el.closest('[hidden]')) continue;
              for (const name of ['title', 'aria-label', 'placeholder', 'alt']) if (el.hasAttribute(name)) scan(el.getAttribute(name));
            }
            return found;""";

    static ServerFixture fixture;
    static AlertDriver.Cells cells;
    static Browser browser;
    static Alert escalated;
    static Alert burning;
    static Alert flooding;
    static Alert inHand;

    @BeforeAll
    static void startServerAndRaiseTheSector() throws Exception {
        fixture = ServerFixture.start();
        Grid grid = fixture.server.locator().grid();
        cells = AlertDriver.Cells.pick(grid);
        fixture.person("rescue.duty", "rescue", grid.district().id());
        fixture.person("leader.duty", "sector_leader", cells.mine().parentId());
        fixture.person("worker.a", "cell_worker", cells.mine().id());
        String workerB = fixture.person("worker.b", "cell_worker", cells.neighbour().id());
        String admin = fixture.adminToken();
        HttpResponse<Buffer> devices = fixture.post("/api/devices", admin, new JsonArray()
                .add(device("duty-smoke-a", "smoke", cells.mine())).add(device("duty-smoke-a2", "smoke", cells.mine()))
                .add(device("duty-gauge-b", "water_level", cells.neighbour()))
                .add(device("duty-smoke-b", "smoke", cells.neighbour())));
        assertThat(devices.statusCode()).as(devices.bodyAsString()).isEqualTo(201);

        // the oldest alert: a low battery in the leader's sector that nobody acknowledged, escalated to him (its
        // deadline at the cell is already past, so the server climbs it at once; at the sector it waits two hours)
        escalated = ServerFixture.await(fixture.server.alerts().store().raise(new NewAlert(AlertKind.BATTERY,
                Severity.MINOR, AlertSource.device("duty-smoke-a2"), grid.path(cells.mine().id()).orElseThrow(),
                Level.CELL, 9.0, Reason.of("test", "battery test"), Instant.now(), Instant.now()))).alert();
        Eventually.until(Duration.ofSeconds(30), "the battery alert climbed to the sector", DutyPagesIT::climbed);
        // then a fire whose detector reports again and again, a flood, and a fire already acknowledged (the newest)
        burning = raise("duty-smoke-a", AlertKind.SMOKE, Severity.CRITICAL, cells.mine(), 12.5);
        for (int i = 1; i <= 12; i++) {
            raise("duty-smoke-a", AlertKind.SMOKE, Severity.CRITICAL, cells.mine(), 12.5 + i);
        }
        flooding = raise("duty-gauge-b", AlertKind.WATER_LEVEL, Severity.MAJOR, cells.neighbour(), 3.2);
        inHand = raise("duty-smoke-b", AlertKind.SMOKE, Severity.CRITICAL, cells.neighbour(), 8.0);
        HttpResponse<Buffer> ack = fixture.post("/api/alerts/" + inHand.id() + "/ack", workerB, new JsonObject());
        assertThat(ack.statusCode()).as(ack.bodyAsString()).isEqualTo(200);
        browser = Browser.open(fixture.server.httpPort(), DESKTOP.width, DESKTOP.height);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void theAlertEscalatedToTheSectorLeaderIsFirstOnHisConsoleAndSaysWhy() throws Exception {
        // given the sector leader on his phone
        browser.driver.manage().window().setSize(PHONE);
        browser.get("/");
        browser.logIn("leader.duty", ServerFixture.PASSWORD);
        waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("/worker"));

        // then his escalated alert comes first although it is the oldest and only minor, then the open ones by
        // severity, then the acknowledged one, although it is the newest
        List<String> expected = Stream.of(escalated, burning, flooding, inHand).map(Alert::idString).toList();
        waitFor(Duration.ofSeconds(20), d -> expected.equals(browser.stat("order")));
        WebElement first = browser.driver.findElement(By.cssSelector("li.card"));
        waitFor(Duration.ofSeconds(10), d -> first.findElement(By.className("why")).getText()
                .matches("\\d{2}:\\d{2} 上报给你，待你确认"));
        assertThat(first.getAttribute("class")).contains("mine");
        assertThat(browser.driver.findElement(By.cssSelector("li.card:last-child .why")).getText()).contains("已确认");
        assertThat(first.findElement(By.className("waited")).getText()).startsWith("已等待");

        // and the console is titled for his role, not for a grid worker
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("格长工作台");
        assertThat(browser.driver.getTitle()).isEqualTo("格长工作台");
        browser.screenshot(Screenshots.file("worker.png"));

        // and with the fire's story open, nothing on the console is an English phrase
        browser.driver.findElement(By.cssSelector("li.card[data-alert-id='" + burning.id() + "'] .story summary")).click();
        waitFor(Duration.ofSeconds(10), d -> !d.findElements(
                By.cssSelector("li.card[data-alert-id='" + burning.id() + "'] .timeline li")).isEmpty());
        assertThat(latinPhrases()).isEmpty();
        browser.driver.manage().window().setSize(DESKTOP);
        browser.screenshot(Screenshots.file("worker-desktop.png"));
        browser.driver.findElement(By.cssSelector("button.logout")).click();
    }

    @Test
    @Order(2)
    void neighbouringAlertsClusterAtDistrictZoomWithCountsBySeverity() throws Exception {
        // given a rescue team on the map, which opens on the whole district
        browser.driver.manage().window().setSize(DESKTOP);
        browser.get("/");
        browser.logIn("rescue.duty", ServerFixture.PASSWORD);
        waitFor(Duration.ofSeconds(30), d -> Boolean.TRUE.equals(browser.stat("ready"))
                && Long.valueOf(4).equals(browser.stat("drawnAlerts")));

        // then the four alerts of two neighbouring cells are one blob counting them by severity
        waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector(".alert-cluster")).isEmpty());
        assertThat(view().get("single")).isEqualTo(0L);
        String counts = browser.driver.findElements(By.cssSelector(".alert-cluster .n")).stream()
                .map(n -> n.getAttribute("class").replace("n severity-", "") + "=" + n.getText())
                .collect(Collectors.joining(" "));
        assertThat(counts).isEqualTo("critical=2 major=1 minor=1");

        // and zoomed in on the street, they spread out
        List<?> at = (List<?>) browser.js("return window.gridwatch.positionOf(arguments[0])", burning.idString());
        browser.js("window.gridwatch.zoomTo(arguments[0], arguments[1], 17)", at.get(0), at.get(1));
        waitFor(Duration.ofSeconds(10), d -> ((Long) view().get("single")) >= 2);
        browser.js("window.gridwatch.zoomTo(arguments[0], arguments[1], 12)", at.get(0), at.get(1));
    }

    @Test
    @Order(3)
    void clickingAnAlertBringsItsDetailIntoViewFliesTheMapThereAndTellsItsStory() throws Exception {
        // given the map at district zoom
        double zoomBefore = ((Number) view().get("zoom")).doubleValue();

        // when the burning detector's alert is clicked in the list
        browser.driver.findElement(By.cssSelector("#alert-list button[data-alert-id='" + burning.id() + "']")).click();

        // then its detail is in view and the map has flown to it, close enough that it stands alone
        List<?> at = (List<?>) browser.js("return window.gridwatch.positionOf(arguments[0])", burning.idString());
        waitFor(Duration.ofSeconds(10), d -> {
            Map<?, ?> view = view();
            return Math.abs(((Number) view.get("lat")).doubleValue() - ((Number) at.get(0)).doubleValue()) < 1e-4
                    && Math.abs(((Number) view.get("lon")).doubleValue() - ((Number) at.get(1)).doubleValue()) < 1e-4;
        });
        assertThat(((Number) view().get("zoom")).doubleValue()).isGreaterThan(zoomBefore);
        assertThat(inViewport("detail")).isTrue();

        // and the timeline reads as a story: opened, then the twelve repeats folded into one line with the latest value
        waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#detail .timeline li")).size() >= 2);
        List<String> story = browser.driver.findElements(By.cssSelector("#detail .timeline li")).stream()
                .map(WebElement::getText).toList();
        assertThat(String.join("\n", story)).doesNotContain("[object Object]", "undefined", "null");
        assertThat(story).hasSize(2);
        assertThat(story.get(0)).contains("发生，读数 12.5", "交综合网格处理：" + cells.mine().name());
        assertThat(story.get(1)).matches("\\d{2}:\\d{2}(–\\d{2}:\\d{2})? 又报 12 次，最新读数 24.5");

        // and the dates are written the Chinese way, the reason is Chinese, and no English phrase is on the page
        String detail = browser.driver.findElement(By.id("detail")).getText();
        assertThat(detail).containsPattern("\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}")
                .contains("烟雾浓度 24.5 %/m，达到报警线 4 %/m");
        String flood = (String) browser.js("return window.gridwatch.cardText(arguments[0])", flooding.idString());
        assertThat(flood).as("a reason code the pages do not know").contains("水位，读数 3.2");
        assertThat(latinPhrases()).isEmpty();

        // and the card to share names every unit, the position and the story
        String card = (String) browser.js("return window.gridwatch.cardText(arguments[0])", burning.idString());
        assertThat(card).contains(cells.mine().name(), fixture.server.locator().grid().district().name(), "坐标",
                "又报 12 次，最新读数 24.5");
        browser.screenshot(Screenshots.file("map.png"));
    }

    @Test
    @Order(4)
    void aNewCriticalAlertIsHeardAndSeenOnTheMapAndCanBeMuted() throws Exception {
        // when a new fire breaks out elsewhere
        Alert fire = raise("duty-smoke-far", AlertKind.SMOKE, Severity.CRITICAL, cells.elsewhere(), 15.0);

        // then the banner says so, and a click on it selects the alert
        waitFor(Duration.ofSeconds(10), d -> !String.valueOf(browser.stat("banner")).isBlank());
        WebElement banner = browser.driver.findElement(By.id("banner"));
        assertThat(banner.getText()).startsWith("新的紧急告警").contains(cells.elsewhere().name());
        banner.click();
        waitFor(Duration.ofSeconds(10), d -> fire.idString().equals(
                d.findElement(By.id("detail")).getAttribute("data-alert-id")));

        // and the sound can be muted, and stays muted
        WebElement mute = browser.driver.findElement(By.cssSelector("button.mute"));
        assertThat(mute.getAttribute("aria-pressed")).isEqualTo("false");
        mute.click();
        assertThat(mute.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.js("return localStorage.getItem('gridwatch.muted')")).isEqualTo("true");
        mute.click();
    }

    @Test
    @Order(5)
    void inEnglishTheDatesAndTheStoryAreEnglish() throws Exception {
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        waitFor(Duration.ofSeconds(30), d -> "Live alert map".equals(d.findElement(By.tagName("h1")).getText())
                && Boolean.TRUE.equals(browser.stat("ready")));
        browser.js("window.gridwatch.select(arguments[0])", burning.idString());
        waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#detail .timeline li")).size() >= 2);

        String detail = browser.driver.findElement(By.id("detail")).getText();
        assertThat(detail).containsPattern("\\d{1,2} [A-Z][a-z]{2},? \\d{2}:\\d{2}")
                .doesNotContainPattern("\\d{1,2}/\\d{1,2}/\\d{4}")
                .contains("Reported again 12 times, latest 24.5", "Obscuration 24.5 %/m at or over the line 4 %/m");
        browser.driver.findElement(By.cssSelector("button.lang")).click();
        waitFor(Duration.ofSeconds(30), d -> "实时告警地图".equals(d.findElement(By.tagName("h1")).getText()));
    }

    @Test
    @Order(6)
    void onAPhoneAClickInTheListBelowTheMapBringsTheDetailIntoView() throws Exception {
        // given the map on a phone: the list is below the map, past the fold
        browser.driver.manage().window().setSize(PHONE);
        browser.get("/");
        waitFor(Duration.ofSeconds(30), d -> Boolean.TRUE.equals(browser.stat("ready")));
        WebElement last = waitFor(Duration.ofSeconds(10), d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#alert-list button"));
            return items.size() == 5 ? items.get(4) : null;
        });
        waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector(".alert-cluster")).isEmpty());
        browser.screenshot(Screenshots.file("map-phone.png"));
        browser.js("arguments[0].scrollIntoView({block: 'end'})", last);

        // when the last alert is clicked
        last.click();

        // then its detail is in view, and the page is still Chinese throughout
        waitFor(Duration.ofSeconds(10), d -> inViewport("detail"));
        waitFor(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("#detail .timeline li")).isEmpty());
        assertThat(latinPhrases()).isEmpty();
    }

    private static boolean climbed() {
        try {
            return find(escalated.id()).escalations() > 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits like the browser does, and on a timeout says what the page showed and logged. */
    private static <T> T waitFor(Duration timeout, java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return browser.waitFor(timeout, condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not get there: " + browser.js(
                    "return location.pathname + ' | ' + JSON.stringify(window.gridwatch ? window.gridwatch.stats() : null)"
                    + " + ' | ' + document.body.innerText.slice(0, 1500)") + "\nconsole: " + browser.console(), e);
        }
    }

    private static Map<?, ?> view() {
        return (Map<?, ?>) browser.stat("view");
    }

    private static boolean inViewport(String id) {
        return Boolean.TRUE.equals(browser.js("const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                + " return r.height > 0 && r.top >= 0 && r.top < window.innerHeight;", id));
    }

    private static List<?> latinPhrases() {
        return (List<?>) browser.js(LATIN_PHRASES);
    }

    /** A raise as the rules make it: smoke over its line says so with a code and values the pages translate. */
    private static Alert raise(String device, AlertKind kind, Severity severity, GridUnit cell, double value)
            throws Exception {
        Reason reason = kind == AlertKind.SMOKE
                ? Reason.code("smoke.over_line").with("obscuration", value).with("line", 4.0)
                        .text("obscuration " + value + " %/m at or over the line 4.00 %/m")
                : Reason.of("test", kind.id() + " test"); // a code the pages do not know: they fall back
        return ServerFixture.await(fixture.server.alerts().raise(kind, severity, AlertSource.device(device),
                fixture.server.locator().grid().path(cell.id()).orElseThrow(), value, reason, false)).alert();
    }

    private static Alert find(long id) throws Exception {
        return ServerFixture.await(fixture.server.alerts().store().find(id)).orElseThrow();
    }

    private static JsonObject device(String id, String kind, GridUnit cell) {
        var inside = cell.geometry().getInteriorPoint();
        return new JsonObject().put("id", id).put("kind", kind).put("lon", inside.getX()).put("lat", inside.getY());
    }
}
