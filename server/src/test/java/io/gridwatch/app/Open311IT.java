package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Open311 GeoReport v2 against the whole server: every endpoint with the spec's field names and types, every error
 * in the spec's format, and a request posted by a city app that becomes a case whose closing shows over Open311.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class Open311IT {

    static ServerFixture fixture;
    static OtherSystemsFixture systems;
    static String admin;
    static String key;
    static String district;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        systems = new OtherSystemsFixture(fixture, admin);
        key = systems.key("city-app", "open311").getString("key");
        district = fixture.server.locator().grid().district().id();
    }

    @AfterAll
    static void stopServer() throws Exception {
        systems.close();
        fixture.close();
    }

    @Test
    void discoveryNamesThisEndpointAndItsJsonFormat() throws Exception {
        HttpResponse<Buffer> response = systems.open311Get("discovery.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).startsWith("application/json");
        JsonObject endpoint = response.bodyAsJsonObject().getJsonArray("endpoints").getJsonObject(0);
        assertThat(endpoint.getString("specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.getString("url")).isEqualTo("http://127.0.0.1:" + fixture.server.httpPort() + "/open311/v2");
        assertThat(endpoint.getString("type")).isEqualTo("production");
        assertThat(endpoint.getJsonArray("formats")).containsExactly("application/json");
        assertThat(response.bodyAsJsonObject().getString("changeset")).isNotBlank();
    }

    @Test
    void servicesAreTheReportCategoriesInChineseOrEnglish() throws Exception {
        JsonArray zh = systems.open311Get("services.json").bodyAsJsonArray();
        assertThat(zh).hasSize(8);
        JsonObject fire = zh.stream().map(JsonObject.class::cast)
                .filter(s -> "fire_hazard".equals(s.getString("service_code"))).findFirst().orElseThrow();
        assertThat(fire.getString("service_name")).isEqualTo("火灾隐患");
        assertThat(fire.getString("description")).isEqualTo("Fire hazard");
        assertThat(fire.getValue("metadata")).isEqualTo(false);
        assertThat(fire.getString("type")).isEqualTo("realtime");
        assertThat(fire.getString("keywords")).isInstanceOf(String.class);
        assertThat(fire.getString("group")).isEqualTo("fire");

        HttpResponse<Buffer> english = ServerFixture.await(WebClient.create(fixture.server.vertx())
                .get(fixture.server.httpPort(), "127.0.0.1", "/open311/v2/services.json")
                .putHeader("Accept-Language", "en-GB,en;q=0.8").send());
        assertThat(english.bodyAsJsonArray().getJsonObject(0).getString("service_name")).isEqualTo("Fire hazard");

        HttpResponse<Buffer> definition = systems.open311Get("services/gas_leak.json");
        assertThat(definition.statusCode()).isEqualTo(200);
        assertThat(definition.bodyAsJsonObject()).isEqualTo(new JsonObject().put("service_code", "gas_leak")
                .put("attributes", new JsonArray()));
    }

    @Test
    void everyErrorIsTheSpecsCodeAndDescription() throws Exception {
        Point at = systems.inside(60);
        String incidentsOnly = systems.key("hotline-open311", "incidents").getString("key");
        // unknown service, unknown request, wrong jurisdiction, XML asked for, bad filters
        assertThat(OtherSystemsFixture.specError(expect(systems.open311Get("services/parking.json"), 404))).isNotNull();
        OtherSystemsFixture.specError(expect(systems.open311Get("requests/999999.json"), 404));
        OtherSystemsFixture.specError(expect(systems.open311Get("requests/abc.json"), 404));
        OtherSystemsFixture.specError(expect(systems.open311Get("services.json?jurisdiction_id=elsewhere"), 404));
        OtherSystemsFixture.specError(expect(systems.open311Get("services.xml"), 404));
        OtherSystemsFixture.specError(expect(systems.open311Get("requests.json?start_date=yesterday"), 400));
        OtherSystemsFixture.specError(expect(systems.open311Get("requests.json?status=pending"), 400));
        OtherSystemsFixture.specError(expect(systems.open311Get("requests.json?service_code=parking"), 400));

        // POST: no key or a bad one or one without the scope → 403; no service_code 400, unknown 404; an address
        // without lat/long 400; outside the district 400; another jurisdiction 404
        OtherSystemsFixture.specError(expect(systems.open311Post(form(null, "other", at)), 403));
        OtherSystemsFixture.specError(expect(systems.open311Post(form("gwk_1_" + "B".repeat(43), "other", at)), 403));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(incidentsOnly, "other", at)), 403));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, null, at)), 400));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, "parking", at)), 404));
        MultiMap addressOnly = MultiMap.caseInsensitiveMultiMap().add("api_key", key).add("service_code", "other")
                .add("address_string", "光明区华夏路 1 号");
        JsonObject address = OtherSystemsFixture.specError(expect(systems.open311Post(addressOnly), 400));
        assertThat(address.getString("description")).contains("lat").contains("long");
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, "other", at).set("lat", "39.91")
                .set("long", "116.39")), 400));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, "other", at).set("lat", "north")), 400));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, "other", at)
                .set("jurisdiction_id", "elsewhere")), 404));
        OtherSystemsFixture.specError(expect(systems.open311Post(form(key, "other", at)
                .set("media_url", "file:///etc/passwd")), 400));
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE channel = 'open311' AND cell_id = '"
                + systems.cell(60).id() + "'")).isZero();
    }

    @Test
    void aRequestPostedByACityAppIsACaseAndItsOpen311StatusFollowsTheCase() throws Exception {
        // given a grid worker for the cell, and a media server that counts what is fetched from it
        AtomicInteger fetched = new AtomicInteger();
        HttpServer media = ServerFixture.await(fixture.server.vertx().createHttpServer()
                .requestHandler(request -> {
                    fetched.incrementAndGet();
                    request.response().end();
                }).listen(0, "127.0.0.1"));
        String mediaUrl = "http://127.0.0.1:" + media.actualPort() + "/photo.jpg";
        Point at = systems.inside(61);
        String worker = fixture.person("open311.worker", "cell_worker", systems.cell(61).id());
        Instant before = Instant.now().minusSeconds(1);

        // when a city app posts a request with lat/long and a media_url
        HttpResponse<Buffer> posted = systems.open311Post(form(key, "blocked_fire_exit", at)
                .add("description", "楼道被杂物堵塞 stairwell blocked").add("media_url", mediaUrl)
                .add("jurisdiction_id", district).add("email", "someone@example.org"));

        // then it gets a service_request_id, and the case is in the worker's alerts
        assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
        JsonObject receipt = posted.bodyAsJsonArray().getJsonObject(0);
        String id = receipt.getString("service_request_id");
        assertThat(id).matches("\\d+");
        assertThat(receipt.containsKey("account_id")).isTrue();
        JsonArray alerts = fixture.get("/api/alerts", worker).bodyAsJsonObject().getJsonArray("alerts");
        JsonObject alert = alerts.stream().map(JsonObject.class::cast)
                .filter(a -> id.equals(a.getJsonObject("source").getString("report"))).findFirst().orElseThrow();
        assertThat(alert.getString("kind")).isEqualTo("report");
        assertThat(alert.getString("status")).isEqualTo("open");

        // and it reads back with the spec's fields and types, status open
        JsonObject request = one(systems.open311Get("requests/" + id + ".json"));
        assertThat(request.getString("service_request_id")).isEqualTo(id);
        assertThat(request.getString("status")).isEqualTo("open");
        assertThat(request.getString("service_code")).isEqualTo("blocked_fire_exit");
        assertThat(request.getString("service_name")).isEqualTo("消防通道堵塞");
        assertThat(request.getString("description")).isEqualTo("楼道被杂物堵塞 stairwell blocked");
        assertThat(request.getDouble("lat")).isCloseTo(at.getY(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(request.getDouble("long")).isCloseTo(at.getX(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(request.getString("media_url")).isEqualTo(mediaUrl);
        assertThat(Instant.parse(request.getString("requested_datetime"))).isAfter(before);
        assertThat(Instant.parse(request.getString("updated_datetime"))).isAfter(before);
        assertThat(request.getString("agency_responsible")).isNotBlank();
        assertThat(request.encode()).doesNotContain("someone@example.org");

        // and the filters find it (or not)
        String since = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        assertThat(ids("requests.json?service_code=blocked_fire_exit,other&status=open&start_date=" + since))
                .contains(id);
        assertThat(ids("requests.json?status=closed")).doesNotContain(id);
        assertThat(ids("requests.json?end_date=" + URLEncoder.encode(before.toString(), StandardCharsets.UTF_8)))
                .doesNotContain(id);
        assertThat(ids("requests.json?service_request_id=" + id + ",424242&status=closed")).containsExactly(id);

        // when the worker closes the case, then Open311 says closed
        String alertId = alert.getString("id");
        assertThat(fixture.post("/api/alerts/" + alertId + "/resolve", worker, new JsonObject().put("note", "cleared"))
                .statusCode()).isEqualTo(200);
        assertThat(one(systems.open311Get("requests/" + id + ".json")).getString("status")).isEqualTo("closed");
        assertThat(ids("requests.json?status=closed")).contains(id);
        assertThat(one(systems.open311Get("requests/" + id + ".json")).getValue("status_notes")).isNull();

        // and the media_url was never fetched by the server
        Thread.sleep(300);
        assertThat(fetched.get()).isZero();
        ServerFixture.await(media.close());
    }

    private static MultiMap form(String apiKey, String serviceCode, Point at) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        if (apiKey != null) {
            form.add("api_key", apiKey);
        }
        if (serviceCode != null) {
            form.add("service_code", serviceCode);
        }
        return form.add("lat", Double.toString(at.getY())).add("long", Double.toString(at.getX()));
    }

    private static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("content-type")).startsWith("application/json");
        return response;
    }

    private static JsonObject one(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonArray requests = response.bodyAsJsonArray();
        assertThat(requests).hasSize(1);
        return requests.getJsonObject(0);
    }

    private static java.util.List<String> ids(String query) throws Exception {
        HttpResponse<Buffer> response = systems.open311Get(query);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .map(r -> r.getString("service_request_id")).toList();
    }
}
