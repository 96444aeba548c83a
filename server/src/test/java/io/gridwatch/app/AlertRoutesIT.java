package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /api/alerts} and {@code /api/stats} over HTTP: scoped lists, the audit trail, who may acknowledge and resolve
 * what, and whose figures a person may see.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertRoutesIT {

    static ServerFixture fixture;
    static AlertDriver alerts;
    /** Two cells of one sector, and a cell of another sector. */
    static GridUnit mine;
    static GridUnit neighbour;
    static GridUnit elsewhere;
    static String worker;
    static String neighbourWorker;
    static String district;
    static String rescue;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        alerts = new AlertDriver(fixture);
        Grid grid = fixture.server.locator().grid();
        AlertDriver.Cells cells = AlertDriver.Cells.pick(grid);
        mine = cells.mine();
        neighbour = cells.neighbour();
        elsewhere = cells.elsewhere();
        worker = fixture.person("routes.mine", "cell_worker", mine.id());
        neighbourWorker = fixture.person("routes.neighbour", "cell_worker", neighbour.id());
        district = fixture.person("routes.district", "district", grid.district().id());
        rescue = fixture.person("routes.rescue", "rescue", grid.district().id());
    }

    @AfterAll
    static void stopServer() throws Exception {
        alerts.close();
        fixture.close();
    }

    @Test
    void aCellWorkerListsOnlyTheirCellsAlertsWhileTheDistrictSeesEveryone() throws Exception {
        // given an alert in my cell, one next door and one in another sector
        Alert inMine = alerts.raise("list-mine", mine.id());
        Alert nextDoor = alerts.raise("list-neighbour", neighbour.id());
        Alert far = alerts.raise("list-far", elsewhere.id());

        // when
        List<String> mineSees = ids(fixture.get("/api/alerts", worker));
        List<String> neighbourSees = ids(fixture.get("/api/alerts", neighbourWorker));
        List<String> districtSees = ids(fixture.get("/api/alerts", district));

        // then
        assertThat(mineSees).contains(inMine.idString()).doesNotContain(nextDoor.idString(), far.idString());
        assertThat(neighbourSees).contains(nextDoor.idString()).doesNotContain(inMine.idString(), far.idString());
        assertThat(districtSees).contains(inMine.idString(), nextDoor.idString(), far.idString());
    }

    @Test
    void statusAndSinceNarrowTheList() throws Exception {
        // given one acknowledged alert, then a mark in time, then an open one
        Alert acked = alerts.raise("filter-acked", neighbour.id());
        assertThat(fixture.post("/api/alerts/" + acked.id() + "/ack", neighbourWorker, "").statusCode()).isEqualTo(200);
        Thread.sleep(5);
        Instant mark = Instant.now();
        Alert open = alerts.raise("filter-open", neighbour.id());

        // when
        List<String> openOnes = ids(fixture.get("/api/alerts?status=open", neighbourWorker));
        List<String> ackedOnes = ids(fixture.get("/api/alerts?status=acknowledged", neighbourWorker));
        List<String> recent = ids(fixture.get("/api/alerts?since=" + mark, neighbourWorker));
        List<String> both = ids(fixture.get("/api/alerts?status=open,acknowledged&unit=" + neighbour.id(), district));

        // then
        assertThat(openOnes).contains(open.idString()).doesNotContain(acked.idString());
        assertThat(ackedOnes).contains(acked.idString()).doesNotContain(open.idString());
        assertThat(recent).containsExactly(open.idString());
        assertThat(both).contains(open.idString(), acked.idString());
    }

    @Test
    void aUnitOutsideTheCallersScopeIsForbiddenAndAnUnknownUnitIsNotFound() throws Exception {
        HttpResponse<Buffer> outside = fixture.get("/api/alerts?unit=" + neighbour.id(), worker);
        HttpResponse<Buffer> unknown = fixture.get("/api/alerts?unit=no-such-unit", worker);
        HttpResponse<Buffer> own = fixture.get("/api/alerts?unit=" + mine.id(), worker);

        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.bodyAsJsonObject().getString("message")).contains(neighbour.id());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void badFiltersAndIdsAreBadRequests() throws Exception {
        assertThat(fixture.get("/api/alerts?status=burning", worker).statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/alerts?since=yesterday", worker).statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/alerts?limit=5000", worker).statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/alerts/abc", worker).statusCode()).isEqualTo(400);
        assertThat(fixture.post("/api/alerts/abc/ack", worker, "").statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/alerts", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownAlertIsNotFound() throws Exception {
        assertThat(fixture.get("/api/alerts/987654321", district).statusCode()).isEqualTo(404);
        assertThat(fixture.post("/api/alerts/987654321/ack", district, "").statusCode()).isEqualTo(404);
        assertThat(fixture.post("/api/alerts/987654321/resolve", district, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void anotherCellsAlertAnswersAsAnUnknownOneToAWorker() throws Exception {
        Alert nextDoor = alerts.raise("act-neighbour", neighbour.id());

        HttpResponse<Buffer> fetched = fixture.get("/api/alerts/" + nextDoor.id(), worker);
        HttpResponse<Buffer> acked = fixture.post("/api/alerts/" + nextDoor.id() + "/ack", worker, "");
        HttpResponse<Buffer> resolved = fixture.post("/api/alerts/" + nextDoor.id() + "/resolve", worker, "{}");

        // the same answer as for an alert that does not exist: ids cannot be enumerated
        HttpResponse<Buffer> unknown = fixture.get("/api/alerts/987654321", worker);
        assertThat(unknown.statusCode()).isEqualTo(404);
        for (HttpResponse<Buffer> response : List.of(fetched, acked, resolved)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
            assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("no alert " + nextDoor.id());
        }
        assertThat(fixture.get("/api/alerts/" + nextDoor.id(), district).bodyAsJsonObject().getString("status"))
                .isEqualTo("open");
    }

    @Test
    void aRescueTeamSeesAnAlertButMayNotAcknowledgeIt() throws Exception {
        Alert alert = alerts.raise("rescue-watch", mine.id());

        HttpResponse<Buffer> fetched = fixture.get("/api/alerts/" + alert.id(), rescue);
        HttpResponse<Buffer> acked = fixture.post("/api/alerts/" + alert.id() + "/ack", rescue, "");

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(acked.statusCode()).isEqualTo(403);
        assertThat(acked.bodyAsJsonObject().getString("message")).contains("rescue");
    }

    @Test
    void resolvingTwiceIsAConflictAndATooLongNoteIsABadRequest() throws Exception {
        Alert alert = alerts.raise("resolve-twice", mine.id());
        String tooLong = "x".repeat(2001);

        HttpResponse<Buffer> longNote = fixture.post("/api/alerts/" + alert.id() + "/resolve", worker,
                new JsonObject().put("note", tooLong));
        HttpResponse<Buffer> first = fixture.post("/api/alerts/" + alert.id() + "/resolve", worker, "");
        HttpResponse<Buffer> second = fixture.post("/api/alerts/" + alert.id() + "/resolve", worker, "");

        assertThat(longNote.statusCode()).isEqualTo(400);
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
        assertThat(second.statusCode()).isEqualTo(409);
    }

    @Test
    void theAuditTrailShowsWhoOpenedAcknowledgedAndResolvedTheAlertWithTheNote() throws Exception {
        // given
        Alert alert = alerts.raise("audit", mine.id());

        // when
        HttpResponse<Buffer> acked = fixture.post("/api/alerts/" + alert.id() + "/ack", worker, "");
        HttpResponse<Buffer> resolved = fixture.post("/api/alerts/" + alert.id() + "/resolve", worker,
                new JsonObject().put("note", "burnt toast, window opened"));
        JsonObject fetched = fixture.get("/api/alerts/" + alert.id(), worker).bodyAsJsonObject();

        // then
        assertThat(acked.bodyAsJsonObject().getString("status")).isEqualTo("acknowledged");
        assertThat(acked.bodyAsJsonObject().getString("acked_at")).isNotNull();
        assertThat(resolved.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
        JsonArray events = fetched.getJsonArray("events");
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")))
                .containsExactly("opened", "acknowledged", "resolved");
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("actor")))
                .containsExactly("system", "routes.mine", "routes.mine");
        assertThat(events.getJsonObject(2).getJsonObject("detail").getString("note"))
                .isEqualTo("burnt toast, window opened");
        assertThat(events.getJsonObject(0).getString("level")).isEqualTo("cell");
        assertThat(fetched.getString("id")).isEqualTo(alert.idString());
    }

    @Test
    void aWorkerGetsTheFiguresOfTheirCellForTheLastThirtyDaysByDefault() throws Exception {
        // given two alerts in my cell, one of them acknowledged and resolved
        HttpResponse<Buffer> before = fixture.get("/api/stats", worker);
        assertThat(before.statusCode()).as(before.bodyAsString()).isEqualTo(200);
        long openedBefore = before.bodyAsJsonObject().getLong("opened");
        long resolvedBefore = before.bodyAsJsonObject().getLong("resolved");
        Alert settled = alerts.raise("stats-settled", mine.id());
        alerts.raise("stats-open", mine.id());
        fixture.post("/api/alerts/" + settled.id() + "/ack", worker, "");
        fixture.post("/api/alerts/" + settled.id() + "/resolve", worker, "");

        // when
        JsonObject stats = fixture.get("/api/stats", worker).bodyAsJsonObject();

        // then
        assertThat(stats.getJsonObject("unit").getString("id")).isEqualTo(mine.id());
        assertThat(stats.getJsonObject("unit").getString("level")).isEqualTo("cell");
        assertThat(java.time.Duration.between(Instant.parse(stats.getString("from")), Instant.parse(stats.getString("to"))))
                .isEqualTo(java.time.Duration.ofDays(30));
        assertThat(stats.getLong("opened")).isEqualTo(openedBefore + 2);
        assertThat(stats.getLong("resolved")).isEqualTo(resolvedBefore + 1);
        JsonObject atCell = stats.getJsonObject("settled_at_cell");
        assertThat(atCell.getDouble("share")).isEqualTo((double) atCell.getLong("count") / stats.getLong("opened"));
        assertThat(stats.getJsonObject("time_to_ack_s").getDouble("median")).isNotNull();
        assertThat(stats.getJsonObject("escalations").fieldNames())
                .containsExactlyInAnyOrder("sector", "community", "subdistrict", "district");
    }

    @Test
    void statsAreScopedLikeAlerts() throws Exception {
        assertThat(fixture.get("/api/stats?unit=" + neighbour.id(), worker).statusCode()).isEqualTo(403);
        assertThat(fixture.get("/api/stats?unit=no-such-unit", worker).statusCode()).isEqualTo(404);
        assertThat(fixture.get("/api/stats?unit=" + elsewhere.id(), rescue).statusCode()).isEqualTo(200);
        assertThat(fixture.get("/api/stats?from=last-week", district).statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", district).statusCode())
                .isEqualTo(400);
        JsonObject empty = fixture.get("/api/stats?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", district)
                .bodyAsJsonObject();
        assertThat(empty.getLong("opened")).isZero();
        assertThat(empty.getJsonObject("settled_in_sector").getValue("share")).isNull();
        assertThat(empty.getJsonObject("unit").getString("level")).isEqualTo("district");
    }

    private static List<String> ids(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("alerts").stream()
                .map(a -> ((JsonObject) a).getString("id")).toList();
    }
}
