package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.locationtech.jts.geom.Point;

/** What the tests of other systems (Open311 clients, 110, 12345) share: keys, requests with them, places. */
final class OtherSystemsFixture {

    private final ServerFixture server;
    private final String admin;
    private final WebClient http;

    OtherSystemsFixture(ServerFixture server, String admin) {
        this.server = server;
        this.admin = admin;
        this.http = WebClient.create(server.server.vertx());
    }

    /** Issues a key as the admin; returns {@code {"id","key"}}. */
    JsonObject key(String name, String... scopes) throws Exception {
        HttpResponse<Buffer> issued = server.post("/api/keys", admin,
                new JsonObject().put("name", name).put("scopes", new JsonArray(java.util.List.of((Object[]) scopes))));
        assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
        return issued.bodyAsJsonObject();
    }

    HttpResponse<Buffer> incident(String key, JsonObject body) throws Exception {
        var request = http.post(server.server.httpPort(), "127.0.0.1", "/api/incidents");
        if (key != null) {
            request.putHeader("Authorization", "ApiKey " + key);
        }
        return ServerFixture.await(request.sendBuffer(Buffer.buffer(body.encode())));
    }

    HttpResponse<Buffer> open311Post(MultiMap form) throws Exception {
        return ServerFixture.await(http.post(server.server.httpPort(), "127.0.0.1", "/open311/v2/requests.json")
                .sendForm(form));
    }

    HttpResponse<Buffer> open311Get(String pathAndQuery) throws Exception {
        return ServerFixture.await(http.get(server.server.httpPort(), "127.0.0.1", "/open311/v2/" + pathAndQuery)
                .send());
    }

    GridUnit cell(int index) {
        return server.server.locator().grid().units(Level.CELL).get(index);
    }

    Point inside(int cellIndex) {
        return cell(cellIndex).geometry().getInteriorPoint();
    }

    static JsonObject incidentBody(String source, String externalId, Point at) {
        return new JsonObject().put("source", source).put("external_id", externalId).put("lon", at.getX())
                .put("lat", at.getY()).put("category", "other").put("description", "noise from a building site")
                .put("reported_at", "2026-12-03T07:00:00Z");
    }

    /** The spec's error body: one {code, description}. */
    static JsonObject specError(HttpResponse<Buffer> response) {
        JsonArray errors = response.bodyAsJsonArray();
        assertThat(errors).hasSize(1);
        JsonObject error = errors.getJsonObject(0);
        assertThat(error.getInteger("code")).isEqualTo(response.statusCode());
        assertThat(error.getString("description")).isNotBlank();
        return error;
    }

    void close() {
        http.close();
    }
}
