package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The roster over HTTP: admins add people at units that fit their roles, and those people log in. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RosterIT {

    static ServerFixture fixture;
    static String admin;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void aCellWorkerAddedByTheAdminLogsInWithRoleAndUnit() throws Exception {
        // given
        GridUnit cell = fixture.server.locator().grid().units(Level.CELL).get(10);

        // when
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, ServerFixture.personJson("wang.li", "cell_worker", cell.id()));
        HttpResponse<Buffer> login = fixture.post("/api/login", null,
                new JsonObject().put("username", "wang.li").put("password", "s3cret-pass"));

        // then
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        assertThat(added.bodyAsJsonObject().getString("unit")).isEqualTo(cell.id());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.bodyAsJsonObject().getString("role")).isEqualTo("cell_worker");
        assertThat(login.bodyAsJsonObject().getString("unit")).isEqualTo(cell.id());
    }

    @Test
    void aUnitAtTheWrongLevelForTheRoleIsRefusedAndNobodyInTheBatchIsAdded() throws Exception {
        GridUnit cell = fixture.server.locator().grid().units(Level.CELL).get(11);
        GridUnit sector = fixture.server.locator().grid().units(Level.SECTOR).get(3);

        HttpResponse<Buffer> response = fixture.post("/api/people", admin, new JsonArray()
                .add(ServerFixture.personJson("leader.ok", "sector_leader", sector.id()))
                .add(ServerFixture.personJson("leader.bad", "sector_leader", cell.id())));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.bodyAsJsonObject().getString("message"))
                .isEqualTo("person 1: a sector_leader answers for a sector, but \"" + cell.id() + "\" is a cell");
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username LIKE 'leader.%'")).isZero();
    }

    @Test
    void onlyAnAdminMayAddPeopleAndNamesAreUnique() throws Exception {
        String district = fixture.server.locator().grid().district().id();
        assertThat(fixture.post("/api/people", admin, ServerFixture.personJson("rescue.1", "rescue", district)).statusCode()).isEqualTo(201);
        String rescue = fixture.login("rescue.1", "s3cret-pass");

        HttpResponse<Buffer> byRescue = fixture.post("/api/people", rescue, ServerFixture.personJson("rescue.2", "rescue", district));
        HttpResponse<Buffer> again = fixture.post("/api/people", admin, ServerFixture.personJson("rescue.1", "rescue", district));
        HttpResponse<Buffer> wrongPassword = fixture.post("/api/login", null,
                new JsonObject().put("username", "rescue.1").put("password", "wrong-password"));

        assertThat(byRescue.statusCode()).isEqualTo(403);
        assertThat(again.statusCode()).isEqualTo(409);
        // in the server's words, not the database constraint's
        assertThat(again.bodyAsJsonObject().getString("message")).isEqualTo("username \"rescue.1\" is taken");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(fixture.count("SELECT count(*) FROM people WHERE password_hash LIKE '%s3cret%'")).isZero();
    }

    @Test
    void aCellWorkerSeesOnlyTheDevicesOfTheirOwnCell() throws Exception {
        // given a worker of one cell, a device there and one in another cell
        GridUnit mine = fixture.server.locator().grid().units(Level.CELL).get(20);
        GridUnit other = fixture.server.locator().grid().units(Level.CELL).get(21);
        assertThat(fixture.post("/api/people", admin, ServerFixture.personJson("li.na", "cell_worker", mine.id())).statusCode()).isEqualTo(201);
        fixture.post("/api/devices", admin, device("scope-mine", mine));
        fixture.post("/api/devices", admin, device("scope-other", other));
        String worker = fixture.login("li.na", "s3cret-pass");

        // when
        JsonArray listed = fixture.get("/api/devices?limit=1000", worker).bodyAsJsonObject().getJsonArray("devices");
        HttpResponse<Buffer> foreign = fixture.get("/api/devices/scope-other", worker);

        // then
        assertThat(listed.stream().map(d -> ((JsonObject) d).getString("id"))).containsExactly("scope-mine");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(fixture.get("/api/devices/scope-other", admin).statusCode()).isEqualTo(200);
    }

    private static JsonObject device(String id, GridUnit cell) {
        var inside = cell.geometry().getInteriorPoint();
        return new JsonObject().put("id", id).put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY());
    }
}
