package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Incidents handed over by other systems (110, the 12345 hotline) and the keys they present, against the whole
 * server and PostgreSQL: one case per (source, external id), whatever is replayed, and nothing stored for a request
 * that is refused.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IncidentsIT {

    static ServerFixture fixture;
    static OtherSystemsFixture systems;
    static String admin;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        systems = new OtherSystemsFixture(fixture, admin);
    }

    @AfterAll
    static void stopServer() throws Exception {
        systems.close();
        fixture.close();
    }

    @Test
    void keysAreShownOnceListedWithoutTheKeyAndRevokedAtOnce() throws Exception {
        // given a key issued by the admin
        JsonObject issued = systems.key("key-test", "incidents");
        String key = issued.getString("key");
        assertThat(key).startsWith("gwk_" + issued.getString("id") + "_");

        // when the keys are listed, then no key (nor its hash) is in the listing
        HttpResponse<Buffer> listed = fixture.get("/api/keys", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.bodyAsString()).doesNotContain(key.substring(key.lastIndexOf('_') + 1)).doesNotContain("hash");
        JsonObject shown = listed.bodyAsJsonObject().getJsonArray("keys").stream().map(JsonObject.class::cast)
                .filter(k -> k.getString("id").equals(issued.getString("id"))).findFirst().orElseThrow();
        assertThat(shown.getString("name")).isEqualTo("key-test");
        assertThat(shown.getValue("revoked_at")).isNull();
        assertThat(fixture.count("SELECT count(*) FROM api_keys WHERE key_hash LIKE '%" + key.substring(key.lastIndexOf('_') + 1) + "%'"))
                .isZero();

        // and only an admin may issue, list or revoke
        String worker = fixture.person("keys.worker", "cell_worker", systems.cell(3).id());
        assertThat(fixture.get("/api/keys", worker).statusCode()).isEqualTo(403);
        assertThat(fixture.post("/api/keys", worker, new JsonObject().put("name", "x").put("scopes",
                new io.vertx.core.json.JsonArray().add("incidents"))).statusCode()).isEqualTo(403);

        // when it is revoked, then the next use is refused at once
        Point at = systems.inside(5);
        assertThat(systems.incident(key, OtherSystemsFixture.incidentBody("key-test", "k-1", at)).statusCode())
                .isEqualTo(201);
        assertThat(ServerFixture.await(WebClient.create(fixture.server.vertx())
                .delete(fixture.server.httpPort(), "127.0.0.1", "/api/keys/" + issued.getString("id"))
                .bearerTokenAuthentication(admin).send()).statusCode()).isEqualTo(204);
        assertThat(systems.incident(key, OtherSystemsFixture.incidentBody("key-test", "k-2", at)).statusCode())
                .isEqualTo(401);
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE source_system = 'key-test'")).isEqualTo(1);
    }

    @Test
    void theSameIncidentTwiceIsOneCaseAnsweredFirst201Then200() throws Exception {
        // given a key for the 110 centre and an incident inside a cell
        String key = systems.key("110", "incidents").getString("key");
        Point at = systems.inside(40);

        // when it is handed over twice
        HttpResponse<Buffer> first = systems.incident(key, OtherSystemsFixture.incidentBody("110", "JJ-0001", at));
        HttpResponse<Buffer> again = systems.incident(key, OtherSystemsFixture.incidentBody("110", "JJ-0001", at));

        // then one case, in the located cell, addressed like any other and naming where it came from
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
        assertThat(first.bodyAsJsonObject().getJsonObject("path").getString("cell")).isEqualTo(systems.cell(40).id());
        var alert = ServerFixture.await(fixture.server.alerts().store()
                .find(Long.parseLong(first.bodyAsJsonObject().getString("alert_id")))).orElseThrow();
        assertThat(alert.reason().code()).isEqualTo("report.incident");
        assertThat(alert.reason().values()).containsEntry("source", "110").containsEntry("external_id", "JJ-0001");
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE source_system = '110' AND external_id = 'JJ-0001'"))
                .isEqualTo(1);
    }

    @Test
    void missingUnknownAndWrongScopeKeysAndAnotherSystemsKeyAreRefusedWithNothingStored() throws Exception {
        // given keys of the 12345 hotline, an Open311-only key, and an incident claiming to be from 12345
        String hotline = systems.key("12345", "incidents").getString("key");
        String open311 = systems.key("city-app", "open311").getString("key");
        String police = systems.key("110-police", "incidents").getString("key");
        JsonObject body = OtherSystemsFixture.incidentBody("12345", "RX-1", systems.inside(41));

        // then: no key, a malformed one, a made-up one, a bearer token are 401; the wrong scope and the key of
        // another system are 403
        assertThat(systems.incident(null, body).statusCode()).isEqualTo(401);
        assertThat(systems.incident("not-a-key", body).statusCode()).isEqualTo(401);
        assertThat(systems.incident(hotline.substring(0, hotline.length() - 2) + "xx", body).statusCode())
                .isEqualTo(401);
        assertThat(systems.incident("gwk_999999_" + "A".repeat(43), body).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> scope = systems.incident(open311, body);
        assertThat(scope.statusCode()).isEqualTo(403);
        assertThat(scope.bodyAsJsonObject().getString("message")).contains("incidents");
        HttpResponse<Buffer> other = systems.incident(police, body);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.bodyAsJsonObject().getString("message")).contains("110-police");
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE source_system = '12345'")).isZero();

        // and the right key works
        assertThat(systems.incident(hotline, body).statusCode()).isEqualTo(201);
    }

    @Test
    void badCoordinatesAndFieldsAreClearErrorsWithNothingStored() throws Exception {
        String key = systems.key("bad-input", "incidents").getString("key");
        Point at = systems.inside(42);
        List<JsonObject> bad = List.of(
                OtherSystemsFixture.incidentBody("bad-input", "B-1", at).put("lat", 95.0),
                OtherSystemsFixture.incidentBody("bad-input", "B-2", at).put("lon", "113.9"),
                OtherSystemsFixture.incidentBody("bad-input", "B-3", at).putNull("lat"),
                OtherSystemsFixture.incidentBody("bad-input", "B-4", at).put("crs", "EPSG:3857"),
                OtherSystemsFixture.incidentBody("bad-input", "B-5", at).put("category", "parking"),
                OtherSystemsFixture.incidentBody("bad-input", "B-6", at).put("reported_at", "yesterday"),
                without(OtherSystemsFixture.incidentBody("bad-input", "B-7", at), "external_id"),
                OtherSystemsFixture.incidentBody("bad-input", " ", at));
        for (JsonObject body : bad) {
            HttpResponse<Buffer> refused = systems.incident(key, body);
            assertThat(refused.statusCode()).as(body.encode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("message")).isNotBlank();
        }
        // a position in Beijing is outside the district
        HttpResponse<Buffer> outside = systems.incident(key, OtherSystemsFixture.incidentBody("bad-input", "B-8", at)
                .put("lon", 116.39).put("lat", 39.91));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(outside.bodyAsJsonObject().getString("message")).contains("outside the district");
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE source_system = 'bad-input'")).isZero();
    }

    @Test
    void aReplayStormOfTheSameThousandIncidentsTwiceLeavesExactlyAThousandCases() throws Exception {
        // given 1,000 incidents of the 12345 hotline in different cells, each sent twice, shuffled, 32 at a time
        String key = systems.key("storm", "incidents").getString("key");
        List<JsonObject> sends = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            JsonObject body = OtherSystemsFixture.incidentBody("storm", "S-" + i, systems.inside(100 + i));
            sends.add(body);
            sends.add(body.copy());
        }
        Collections.shuffle(sends, new Random(7));

        // when they all arrive
        AtomicInteger created = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        WebClient client = WebClient.create(fixture.server.vertx());
        List<Future<Void>> lanes = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int lane = 0; lane < 32; lane++) {
            lanes.add(sendNext(client, key, sends, next, created, replayed));
        }
        ServerFixture.await(Future.all(lanes));
        client.close();

        // then exactly 1,000 were created and 1,000 answered as replays, leaving 1,000 reports and 1,000 cases
        assertThat(created.get()).isEqualTo(1000);
        assertThat(replayed.get()).isEqualTo(1000);
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE source_system = 'storm'")).isEqualTo(1000);
        assertThat(fixture.count("SELECT count(DISTINCT alert_id) FROM reports WHERE source_system = 'storm'"))
                .isEqualTo(1000);
        assertThat(fixture.count("SELECT count(*) FROM alerts a JOIN reports r ON a.source_report = r.id::text "
                + "WHERE r.source_system = 'storm'")).isEqualTo(1000);
    }

    @Test
    void everyStepOfAnIncidentsCaseGoesBackToItsSystemSignedAndInOrder() throws Exception {
        // given a receiver standing in for the 12345 hotline, and its key with a signed json notify target
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        Vertx receiverVertx = Vertx.vertx();
        HttpServer receiver = ServerFixture.await(receiverVertx.createHttpServer().requestHandler(request ->
                request.body().onSuccess(body -> {
                    bodies.add(body.toString());
                    signatures.add(request.getHeader("X-Gridwatch-Signature"));
                    request.response().end();
                })).listen(0, "127.0.0.1"));
        HttpResponse<Buffer> issued = fixture.post("/api/keys", admin, new JsonObject().put("name", "hotline-fb")
                .put("scopes", new JsonArray().add("incidents")).put("notify", new JsonObject()
                        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("format", "json")
                        .put("secret", "fb-secret")));
        assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
        String worker = fixture.person("feedback.worker", "cell_worker", systems.cell(45).id());

        // when an incident is handed over and the cell's worker acknowledges and resolves it
        HttpResponse<Buffer> created = systems.incident(issued.bodyAsJsonObject().getString("key"),
                OtherSystemsFixture.incidentBody("hotline-fb", "FB-1", systems.inside(45)));
        assertThat(created.statusCode()).isEqualTo(201);
        String alertId = created.bodyAsJsonObject().getString("alert_id");
        assertThat(fixture.post("/api/alerts/" + alertId + "/ack", worker, new JsonObject()).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + alertId + "/resolve", worker, new JsonObject().put("note", "done"))
                .statusCode()).isEqualTo(200);

        // then the hotline hears opened, acknowledged, resolved, in that order, naming its own incident, signed,
        // and never the worker
        Eventually.until(Duration.ofSeconds(30), "three status messages", () -> bodies.size() >= 3);
        List<JsonObject> messages = bodies.stream().map(JsonObject::new).toList();
        assertThat(messages).extracting(m -> m.getString("event")).containsExactly("opened", "acknowledged", "resolved");
        assertThat(messages).extracting(m -> m.getString("status")).containsExactly("open", "acknowledged", "resolved");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getString("source")).isEqualTo("hotline-fb");
            assertThat(m.getString("external_id")).isEqualTo("FB-1");
            assertThat(m.getString("alert_id")).isEqualTo(alertId);
        });
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(signatures.get(i)).isEqualTo(hmac("fb-secret", bodies.get(i)));
            assertThat(bodies.get(i)).doesNotContain("feedback.worker");
        }
        Thread.sleep(1500);
        assertThat(bodies).hasSize(3);
        ServerFixture.await(receiverVertx.close());
    }

    @Test
    void anIncidentsStepIsInTheOutboxTheMomentItIsAnsweredNotARoundLater() throws Exception {
        // given an incident from a system whose notify target is down (nothing is delivered, the outbox keeps it)
        String key = keyWithNotify("hotline-tx", "http://127.0.0.1:9/down");
        String worker = fixture.person("feedback.tx.worker", "cell_worker", systems.cell(46).id());
        String alertId = systems.incident(key, OtherSystemsFixture.incidentBody("hotline-tx", "TX-1", systems.inside(46)))
                .bodyAsJsonObject().getString("alert_id");
        assertThat(queued(alertId, "opened")).isEqualTo(1);

        // when the worker acknowledges, then resolves it
        assertThat(fixture.post("/api/alerts/" + alertId + "/ack", worker, new JsonObject()).statusCode()).isEqualTo(200);
        long acknowledged = queued(alertId, "acknowledged");
        assertThat(fixture.post("/api/alerts/" + alertId + "/resolve", worker, new JsonObject().put("note", "done"))
                .statusCode()).isEqualTo(200);
        long resolved = queued(alertId, "resolved");

        // then each status message was committed with its step: there at once, exactly once
        assertThat(acknowledged).isEqualTo(1);
        assertThat(resolved).isEqualTo(1);
    }

    @Test
    void aStepOfAnIncidentOlderThanAWeekStillGoesBackToItsSystem() throws Exception {
        // given an incident taken in ten days ago (a node was down, a clock was off: the age must not matter)
        String key = keyWithNotify("hotline-old", "http://127.0.0.1:9/down");
        String alertId = systems.incident(key, OtherSystemsFixture.incidentBody("hotline-old", "OLD-1",
                systems.inside(47))).bodyAsJsonObject().getString("alert_id");
        assertThat(fixture.count("WITH moved AS (UPDATE reports SET created_at = created_at - interval '10 days' "
                + "WHERE alert_id = " + alertId + " RETURNING 1) SELECT count(*) FROM moved")).isEqualTo(1);

        // when a step is written with a time nine days ago
        ServerFixture.await(fixture.server.alerts().store().acknowledge(Long.parseLong(alertId), "feedback.old",
                java.time.Instant.now().minus(Duration.ofDays(9))));

        // then its status message is queued for the system all the same
        Eventually.until(Duration.ofSeconds(3), "the old step queued", () -> queued(alertId, "acknowledged") == 1);
    }

    /** An incidents key whose notify target is {@code url}; returns the key. */
    private static String keyWithNotify(String name, String url) throws Exception {
        HttpResponse<Buffer> issued = fixture.post("/api/keys", admin, new JsonObject().put("name", name)
                .put("scopes", new JsonArray().add("incidents"))
                .put("notify", new JsonObject().put("url", url).put("format", "json")));
        assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
        return issued.bodyAsJsonObject().getString("key");
    }

    /** Status messages in the outbox for this alert and event, sent or not. */
    private static long queued(String alertId, String event) {
        try {
            return fixture.count("SELECT count(*) FROM outbox WHERE body->>'alert_id' = '" + alertId
                    + "' AND body->>'event' = '" + event + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonObject without(JsonObject body, String field) {
        body.remove(field);
        return body;
    }

    /** One lane of the storm: sends the next body until none is left. */
    private static Future<Void> sendNext(WebClient client, String key, List<JsonObject> sends, AtomicInteger next,
            AtomicInteger created, AtomicInteger replayed) {
        int i = next.getAndIncrement();
        if (i >= sends.size()) {
            return Future.succeededFuture();
        }
        return client.post(fixture.server.httpPort(), "127.0.0.1", "/api/incidents")
                .putHeader("Authorization", "ApiKey " + key)
                .sendBuffer(Buffer.buffer(sends.get(i).encode()))
                .compose(response -> {
                    if (response.statusCode() == 201) {
                        created.incrementAndGet();
                    } else if (response.statusCode() == 200) {
                        replayed.incrementAndGet();
                    } else {
                        return Future.failedFuture("unexpected " + response.statusCode() + ": " + response.bodyAsString());
                    }
                    return sendNext(client, key, sends, next, created, replayed);
                });
    }
}
