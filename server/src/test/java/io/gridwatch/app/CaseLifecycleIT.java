package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.report.TestImages;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * A case to its end on the whole server (ARCHITECTURE 3.8): a smoke alarm over MQTT goes to the cell's worker, who
 * acknowledges it and dispatches it to the fire brigade, which accepts it and reports its handling with a photo; the
 * worker verifies and it is resolved. Every party's websocket sees exactly its events, the audit trail has every step,
 * every wrong step is refused with nothing changed, and the outbox delivers the steps to the brigade's receiver once
 * it is up, in order and signed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CaseLifecycleIT {

    private static final String SECRET = "brigade-shared-secret";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Path dir;
    private static ServerFixture fixture;
    private static GridUnit cell;
    private static String admin;
    private static String worker;
    private static String rescue;
    private static String fire;
    private static String water;
    private static int receiverPort;

    @BeforeAll
    static void startServerWithDepartmentsAndStaff() throws Exception {
        dir = Files.createTempDirectory("gridwatch-cases-it");
        fixture = ServerFixture.start(Map.of("GRIDWATCH_NOTIFY_MAX_BACKOFF", "PT1S"));
        cell = fixture.server.locator().grid().units(Level.CELL).get(42);
        try (ServerSocket free = new ServerSocket(0)) {
            receiverPort = free.getLocalPort();
        }
        admin = fixture.adminToken();
        HttpResponse<Buffer> departments = fixture.post("/api/departments", admin, new JsonArray()
                .add(new JsonObject().put("id", "fire").put("name", "光明消防救援大队")
                        .put("handles", new JsonArray().add("smoke").add("heat").add("fire_hazard"))
                        .put("notify", new JsonObject().put("url", "http://127.0.0.1:" + receiverPort + "/hook")
                                .put("format", "json").put("secret", SECRET)))
                .add(new JsonObject().put("id", "water").put("name", "光明区水务局")
                        .put("handles", new JsonArray().add("water_level").add("flooding"))));
        assertThat(departments.statusCode()).as(departments.bodyAsString()).isEqualTo(201);
        worker = fixture.person("worker", "cell_worker", cell.id());
        rescue = fixture.person("rescue", "rescue", fixture.server.locator().grid().district().id());
        fire = fixture.person("fire1", "department", "fire");
        water = fixture.person("water1", "department", "water");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aSmokeAlarmIsDispatchedHandledWithAPhotoVerifiedAndResolvedAndEveryoneHearsOnlyTheirPart() throws Exception {
        try (AlertSocketClient workerSocket = socket(worker);
                AlertSocketClient fireSocket = socket(fire);
                AlertSocketClient waterSocket = socket(water)) {
            // given a smoke alarm in the worker's cell, acknowledged
            String id = Long.toString(smokeAlarm("smoke-loop"));
            assertThat(fixture.post("/api/alerts/" + id + "/ack", worker, "{}").statusCode()).isEqualTo(200);

            // when the worker dispatches it without naming a department, the fire brigade takes smoke by default
            JsonObject dispatched = ok(fixture.post("/api/alerts/" + id + "/dispatch", worker,
                    new JsonObject().put("note", "请到现场处置")));
            assertThat(dispatched.getString("status")).isEqualTo("dispatched");
            assertThat(dispatched.getJsonObject("case").getJsonObject("department").getString("id")).isEqualTo("fire");
            assertThat(dispatched.getJsonObject("case").getString("due_at")).isNotNull();
            fireSocket.awaitEvent("dispatched", id, WAIT);

            // and the brigade accepts it and reports its handling with a photo
            assertThat(ok(fixture.post("/api/alerts/" + id + "/accept", fire, "")).getString("status"))
                    .isEqualTo("accepted");
            JsonObject handled = ok(handleWithPhoto(id, fire, "明火已扑灭,现场已清理"));
            assertThat(handled.getString("status")).isEqualTo("handled");
            List<?> photos = handled.getJsonObject("case").getJsonArray("photos").getList();
            assertThat(photos).hasSize(1);
            HttpResponse<Buffer> photo = fixture.get((String) photos.get(0), fire);
            assertThat(photo.statusCode()).isEqualTo(200);
            assertThat(photo.getHeader("content-type")).isEqualTo("image/jpeg");
            assertThat(fixture.get((String) photos.get(0), worker).statusCode()).isEqualTo(200);
            assertThat(fixture.get((String) photos.get(0), water).statusCode()).isEqualTo(404);

            // and the worker verifies it on site
            JsonObject verified = ok(fixture.post("/api/alerts/" + id + "/verify", worker,
                    new JsonObject().put("pass", true).put("note", "现场核查合格")));

            // then it is resolved, and the audit trail has every step with its actor and level
            assertThat(verified.getString("status")).isEqualTo("resolved");
            JsonArray trail = ok(fixture.get("/api/alerts/" + id, worker)).getJsonArray("events");
            assertThat(trail.stream().map(e -> ((JsonObject) e).getString("type")).toList())
                    .containsExactly("opened", "acknowledged", "dispatched", "accepted", "handled", "verified");
            assertThat(trail.stream().map(e -> ((JsonObject) e).getString("actor")).toList())
                    .containsExactly("system", "worker", "worker", "fire1", "fire1", "worker");
            assertThat(trail.stream().allMatch(e -> ((JsonObject) e).getString("level") != null
                    && ((JsonObject) e).getString("at") != null)).isTrue();

            // and the figures count it
            JsonObject stats = ok(fixture.get("/api/stats", worker));
            assertThat(stats.getLong("dispatched")).isPositive();
            assertThat(stats.getLong("handled")).isPositive();
            assertThat(stats.getJsonObject("handled_on_time").getLong("count")).isPositive();
            assertThat(stats.getJsonArray("departments").stream().map(d -> ((JsonObject) d).getString("id")))
                    .contains("fire");
            assertThat(stats.getJsonObject("satisfaction").getLong("rated")).isZero();
            assertThat(stats.getJsonObject("satisfaction").getValue("share")).isNull();

            // and each party heard exactly its part
            workerSocket.awaitEvent("verified", id, WAIT);
            fireSocket.awaitEvent("verified", id, WAIT);
            Thread.sleep(500);
            assertThat(eventsAbout(workerSocket, id)).containsExactly("opened", "acknowledged", "dispatched",
                    "accepted", "handled", "verified");
            assertThat(eventsAbout(fireSocket, id)).containsExactly("dispatched", "accepted", "handled", "verified");
            assertThat(eventsAbout(waterSocket, id)).isEmpty();
            JsonObject lastFrame = fireSocket.events("verified", id).get(0).getJsonObject("alert");
            assertThat(lastFrame.getJsonObject("case").getString("verified_by")).isEqualTo("worker");

            // and the brigade's receiver, down all along, gets the steps once it is up: in order, signed, as audited
            List<Delivered> received = receive(Duration.ofSeconds(30), id, 4);
            assertThat(received.stream().map(d -> d.body().getString("event")).toList())
                    .containsExactly("dispatched", "accepted", "handled", "verified");
            List<String> auditedIds = fixture.server.alerts().store().events(Long.parseLong(id))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
                    .filter(e -> List.of("dispatched", "accepted", "handled", "verified").contains(e.type().id()))
                    .map(e -> Long.toString(e.id())).toList();
            assertThat(received.stream().map(d -> d.body().getString("event_id")).toList()).isEqualTo(auditedIds);
            for (Delivered delivered : received) {
                assertThat(delivered.signature()).isEqualTo(hmacHex(SECRET, delivered.raw()));
            }
            String metrics = fixture.get("/metrics", null).bodyAsString();
            assertThat(metrics).contains("gridwatch_outbox_sent_total").contains("gridwatch_outbox_pending");
        }
    }

    @Test
    void everyWrongStepIsRefusedWithTheRightStatusAndNothingChanges() throws Exception {
        long alert = smokeAlarm("smoke-wrong");
        String id = Long.toString(alert);
        String trail = "SELECT count(*) FROM alert_events WHERE alert_id = " + id;
        String dispatches = "SELECT count(*) FROM case_dispatches WHERE alert_id = " + id;

        // an open alert: no dispatch before acknowledging; a department cannot take what was not dispatched to it
        refused(409, "/dispatch", worker, new JsonObject(), "open");
        refused(403, "/accept", fire, "", null);
        refused(403, "/dispatch", rescue, new JsonObject(), null);
        assertThat(fixture.count(trail)).isEqualTo(1);

        assertThat(fixture.post("/api/alerts/" + id + "/ack", worker, "{}").statusCode()).isEqualTo(200);
        refused(422, "/dispatch", worker, new JsonObject().put("department", "nobody"), null);
        refused(400, "/dispatch", worker, new JsonObject().put("due", "soon"), null);
        ok(fixture.post("/api/alerts/" + id + "/dispatch", worker, new JsonObject().put("department", "water")
                .put("due", "PT1H")));
        long afterDispatch = fixture.count(trail);

        // dispatched to water: other departments, the grid, rescue teams and wrong states are all refused
        refused(403, "/accept", fire, "", null);
        refused(403, "/accept", worker, "", null);
        refused(403, "/accept", rescue, "", null);
        refused(409, "/handle", water, new JsonObject().put("note", "done"), "dispatched");
        refused(409, "/verify", worker, new JsonObject().put("pass", true), "dispatched");
        refused(409, "/resolve", worker, new JsonObject(), "dispatched");
        refused(409, "/dispatch", worker, new JsonObject(), "dispatched");
        refused(400, "/return", water, new JsonObject(), null);
        assertThat(fixture.count(trail)).isEqualTo(afterDispatch);
        assertThat(fixture.count(dispatches)).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM alerts WHERE status = 'dispatched' AND id = " + id)).isEqualTo(1);

        // water accepts, then cannot accept twice; then returns it: back at the cell, dispatchable again
        ok(fixture.post("/api/alerts/" + id + "/accept", water, ""));
        refused(409, "/accept", water, "", "accepted");
        JsonObject returned = ok(fixture.post("/api/alerts/" + id + "/return", water,
                new JsonObject().put("reason", "不属于本部门职责")));
        assertThat(returned.getString("status")).isEqualTo("returned");
        assertThat(returned.getString("level")).isEqualTo("cell");
        refused(403, "/handle", water, new JsonObject().put("note", "late"), null);

        // dispatched again, to fire; handled; the department cannot verify its own work; a failed check goes back
        ok(fixture.post("/api/alerts/" + id + "/dispatch", worker, new JsonObject().put("department", "fire")));
        ok(fixture.post("/api/alerts/" + id + "/accept", fire, ""));
        ok(fixture.post("/api/alerts/" + id + "/handle", fire, new JsonObject().put("note", "已处理")));
        long beforeVerify = fixture.count(trail);
        refused(403, "/verify", fire, new JsonObject().put("pass", true), null);
        refused(403, "/verify", rescue, new JsonObject().put("pass", true), null);
        refused(400, "/verify", worker, new JsonObject().put("pass", false), null);
        assertThat(fixture.count(trail)).isEqualTo(beforeVerify);
        JsonObject failed = ok(fixture.post("/api/alerts/" + id + "/verify", worker,
                new JsonObject().put("pass", false).put("note", "仍有烟味,请复查")));
        assertThat(failed.getString("status")).isEqualTo("accepted");
        assertThat(failed.getJsonObject("case").getString("handled_at")).isNull();
    }

    @Test
    void theDepartmentHoldingAReportsCaseSeesTheResidentsPhotoAndNoOtherDepartmentDoes() throws Exception {
        // given a resident's report of a fire hazard in a cell of its own (the other tests' cases stay apart),
        // acknowledged by the district
        Point inside = fixture.server.locator().grid().units(Level.CELL).get(900).geometry().getInteriorPoint();
        JsonObject report = reportWithPhoto(inside);
        assertThat(report.getBoolean("merged")).isFalse();
        String id = String.valueOf(report.getValue("alert_id"));
        // the photo is listed once sanitised, a moment after the resident's answer
        Eventually.until(Duration.ofSeconds(20), "the photo is clean",
                () -> ReportIT.holds(() -> ok(fixture.get("/api/alerts/" + id, admin)).containsKey("photos")));
        String photo = ok(fixture.get("/api/alerts/" + id, admin)).getJsonArray("photos").getString(0);
        assertThat(fixture.get(photo, admin).statusCode()).isEqualTo(200);
        assertThat(fixture.get(photo, fire).statusCode()).as("not the brigade's case yet").isEqualTo(404);
        ok(fixture.post("/api/alerts/" + id + "/ack", admin, new JsonObject()));

        // when the district dispatches it to the fire brigade
        ok(fixture.post("/api/alerts/" + id + "/dispatch", admin, new JsonObject().put("department", "fire")));

        // then the brigade sees the resident's photo and its thumbnail, water affairs does not
        HttpResponse<Buffer> seen = fixture.get(photo, fire);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.getHeader("content-type")).isEqualTo("image/jpeg");
        assertThat(fixture.get(photo + "/thumb", fire).statusCode()).isEqualTo(200);
        assertThat(fixture.get(photo, water).statusCode()).isEqualTo(404);
    }

    private static JsonObject reportWithPhoto(Point at) throws Exception {
        WebClient http = WebClient.create(fixture.server.vertx());
        try {
            MultipartForm form = MultipartForm.create().attribute("category", "fire_hazard")
                    .attribute("lon", Double.toString(at.getX())).attribute("lat", Double.toString(at.getY()))
                    .binaryFileUpload("photo", "hazard.jpg", Buffer.buffer(TestImages.jpeg(TestImages.halves(320, 240))),
                            "image/jpeg");
            HttpResponse<Buffer> created = ServerFixture.await(http.post(fixture.server.httpPort(), "127.0.0.1",
                    "/api/reports").sendMultipartForm(form));
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            return created.bodyAsJsonObject();
        } finally {
            http.close();
        }
    }

    private static void refused(int status, String step, String token, Object body, String stateNamed)
            throws Exception {
        HttpResponse<Buffer> response = fixture.post("/api/alerts/" + lastAlert + step, token, body);
        assertThat(response.statusCode()).as(step + ": " + response.bodyAsString()).isEqualTo(status);
        if (stateNamed != null) {
            assertThat(response.bodyAsJsonObject().getString("message")).contains(stateNamed);
        }
    }

    private static long lastAlert;

    private static long smokeAlarm(String device) throws Exception {
        Point inside = cell.geometry().getInteriorPoint();
        HttpResponse<Buffer> created = fixture.post("/api/devices", admin, new JsonObject().put("id", device)
                .put("kind", "smoke").put("lon", inside.getX()).put("lat", inside.getY()));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        Mqtt5BlockingClient client = fixture.mqtt5(device, created.bodyAsJsonObject().getString("token"));
        client.publishWith().topic("devices/" + device + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(new JsonObject().put("ts", System.currentTimeMillis()).put("seq", 1)
                        .put("obscuration", 7.0).put("alarm", true).put("battery", 88).encode()
                        .getBytes(StandardCharsets.UTF_8)).send();
        client.disconnect();
        String sql = "SELECT count(*) FROM alerts WHERE source_device = '" + device + "'";
        Eventually.until(WAIT, "the alert is stored", () -> {
            try {
                return fixture.count(sql) == 1;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        lastAlert = fixture.count("SELECT id FROM alerts WHERE source_device = '" + device + "'");
        return lastAlert;
    }

    private static HttpResponse<Buffer> handleWithPhoto(String id, String token, String note) throws Exception {
        WebClient http = WebClient.create(fixture.server.vertx());
        try {
            MultipartForm form = MultipartForm.create().attribute("note", note)
                    .binaryFileUpload("photo", "scene.jpg", Buffer.buffer(TestImages.jpeg(TestImages.halves(640, 480))),
                            "image/jpeg");
            return ServerFixture.await(http.post(fixture.server.httpPort(), "127.0.0.1",
                    "/api/alerts/" + id + "/handle").bearerTokenAuthentication(token).sendMultipartForm(form));
        } finally {
            http.close();
        }
    }

    private static JsonObject ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static AlertSocketClient socket(String token) throws Exception {
        return AlertSocketClient.open(fixture.server.vertx(), fixture.server.httpPort(), token);
    }

    private static List<String> eventsAbout(AlertSocketClient socket, String id) {
        return socket.frames.stream().filter(f -> "alert".equals(f.getString("type")))
                .filter(f -> id.equals(f.getJsonObject("alert").getString("id")))
                .map(f -> f.getString("event")).toList();
    }

    private record Delivered(String raw, JsonObject body, String signature) {
    }

    /** Starts the receiver on the port the department was given and waits for {@code count} deliveries. */
    private static List<Delivered> receive(Duration within, String alertId, int count) throws Exception {
        List<Delivered> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = ServerFixture.await(fixture.server.vertx().createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (alertId.equals(new JsonObject(body).getString("alert_id"))) {
                        received.add(new Delivered(body.toString(), new JsonObject(body),
                            request.getHeader("X-Gridwatch-Signature")));
                    }
                    request.response().setStatusCode(204).end();
                })).listen(receiverPort, "127.0.0.1"));
        try {
            Eventually.until(within, count + " deliveries", () -> received.size() >= count);
            Thread.sleep(1_000);
            return List.copyOf(received);
        } finally {
            ServerFixture.await(receiver.close());
        }
    }

    private static String hmacHex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
