package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.dispatch.Addresses;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The alert websocket {@code /ws} against the real server: auth, the snapshot, live events per person, liveness and
 * the slow-client limit. The limits are shortened through the environment so that the tests take seconds.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AlertSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SEND_QUEUE_BYTES = 16 * 1024;

    static ServerFixture fixture;
    static AlertDriver alerts;
    /** Two cells of one sector, and a third cell for the slow client. */
    static GridUnit mine;
    static GridUnit neighbour;
    static GridUnit slowCell;
    static String worker;
    static String neighbourWorker;
    static String slowWorker;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start(Map.of(
                "GRIDWATCH_WS_AUTH_TIMEOUT", "PT2S",
                "GRIDWATCH_WS_PING_EVERY", "PT0.5S",
                "GRIDWATCH_WS_IDLE_LIMIT", "PT3S",
                "GRIDWATCH_WS_SEND_QUEUE_BYTES", Integer.toString(SEND_QUEUE_BYTES)));
        alerts = new AlertDriver(fixture);
        Grid grid = fixture.server.locator().grid();
        AlertDriver.Cells cells = AlertDriver.Cells.pick(grid);
        mine = cells.mine();
        neighbour = cells.neighbour();
        slowCell = cells.elsewhere();
        worker = fixture.person("ws.mine", "cell_worker", mine.id());
        neighbourWorker = fixture.person("ws.neighbour", "cell_worker", neighbour.id());
        slowWorker = fixture.person("ws.slow", "cell_worker", slowCell.id());
    }

    @AfterAll
    static void stopServer() throws Exception {
        alerts.close();
        fixture.close();
    }

    @Test
    void aConnectionThatSendsNoAuthInTimeIsToldAndClosed() throws Exception {
        try (WsClient ws = WsClient.connect(fixture)) {
            long started = System.nanoTime();

            Short code = ws.closeCode(WAIT);

            assertThat(code).isEqualTo((short) 4401);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
            assertThat(ws.next(Duration.ZERO).getString("type")).isEqualTo("error");
        }
    }

    @Test
    void aBadTokenGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        try (WsClient ws = WsClient.connect(fixture)) {
            ws.send(new JsonObject().put("type", "auth").put("token", "not.a.token"));

            JsonObject error = ws.next(WAIT);

            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("message")).contains("token");
            assertThat(ws.closeCode(WAIT)).isEqualTo((short) 4401);
        }
    }

    @Test
    void theSnapshotHoldsEveryUnresolvedAlertInTheWorkersCellAndNothingElse() throws Exception {
        // given open, acknowledged and resolved alerts in my cell, and one next door
        Alert open = alerts.raise("snap-open", mine.id());
        Alert acked = alerts.raise("snap-acked", mine.id());
        Alert resolved = alerts.raise("snap-resolved", mine.id());
        Alert nextDoor = alerts.raise("snap-neighbour", neighbour.id());
        assertThat(fixture.post("/api/alerts/" + acked.id() + "/ack", worker, "").statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/alerts/" + resolved.id() + "/resolve", worker, "").statusCode()).isEqualTo(200);

        // when
        try (WsClient ws = WsClient.authenticated(fixture, worker)) {
            // then
            List<String> ids = ids(ws.snapshot);
            assertThat(ids).contains(open.idString(), acked.idString())
                    .doesNotContain(resolved.idString(), nextDoor.idString());
        }
    }

    @Test
    void aRaiseReachesTheWorkerOfItsCellAsOpenedAndNotTheNeighbour() throws Exception {
        try (WsClient ws = WsClient.authenticated(fixture, worker);
                WsClient next = WsClient.authenticated(fixture, neighbourWorker)) {
            // when an alert opens in my cell, then one in the neighbour's
            Alert inMine = alerts.raise("live-mine", mine.id());
            Alert inNeighbours = alerts.raise("live-neighbour", neighbour.id());

            // then I hear of mine, and the first thing the neighbour hears of is theirs
            JsonObject event = ws.nextAbout(inMine.id(), WAIT);
            assertThat(event.getString("event")).isEqualTo("opened");
            assertThat(event.getJsonObject("alert").getString("status")).isEqualTo("open");
            JsonObject theirs = next.nextMatching(m -> "alert".equals(m.getString("type")), WAIT);
            assertThat(theirs.getJsonObject("alert").getString("id")).isEqualTo(inNeighbours.idString());
        }
    }

    @Test
    void twoSocketsOfOnePersonBothGetTheEvent() throws Exception {
        try (WsClient phone = WsClient.authenticated(fixture, worker);
                WsClient desk = WsClient.authenticated(fixture, worker)) {
            Alert alert = alerts.raise("two-sockets", mine.id());

            assertThat(phone.nextAbout(alert.id(), WAIT).getString("event")).isEqualTo("opened");
            assertThat(desk.nextAbout(alert.id(), WAIT).getString("event")).isEqualTo("opened");
        }
    }

    @Test
    void anAcknowledgementArrivesAsAcknowledged() throws Exception {
        Alert alert = alerts.raise("ack-live", mine.id());
        try (WsClient ws = WsClient.authenticated(fixture, worker)) {
            assertThat(ids(ws.snapshot)).contains(alert.idString());

            assertThat(fixture.post("/api/alerts/" + alert.id() + "/ack", worker, "").statusCode()).isEqualTo(200);

            JsonObject event = ws.nextAbout(alert.id(), WAIT);
            assertThat(event.getString("event")).isEqualTo("acknowledged");
            assertThat(event.getJsonObject("alert").getString("status")).isEqualTo("acknowledged");
        }
    }

    @Test
    void anApplicationPingIsAnsweredWithPong() throws Exception {
        try (WsClient ws = WsClient.authenticated(fixture, neighbourWorker)) {
            ws.send(new JsonObject().put("type", "ping"));

            assertThat(ws.nextMatching(m -> "pong".equals(m.getString("type")), WAIT)).isNotNull();
        }
    }

    @Test
    void aClientThatAnswersNoPingsIsClosedAfterTheIdleLimit() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(fixture.server.httpPort())) {
            raw.sendText(new JsonObject().put("type", "auth").put("token", neighbourWorker).encode());
            long started = System.nanoTime();
            int pings = 0;

            RawWebSocket.Frame frame = raw.read();
            while (frame.opcode() != RawWebSocket.CLOSE) {
                pings += frame.opcode() == RawWebSocket.PING ? 1 : 0;
                frame = raw.read();
            }

            assertThat(frame.closeCode()).isEqualTo(4408);
            assertThat(pings).isGreaterThanOrEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndGetsWhatItMissedInASnapshotOnReconnecting() throws Exception {
        // given a worker whose client stops reading
        WsClient slow = WsClient.authenticated(fixture, slowWorker);
        slow.socket.pause();
        double droppedBefore = metric("gridwatch_ws_closed_total{reason=\"too_slow\"}");

        // when far more than its send queue is sent to it, and an alert opens meanwhile
        String pad = "x".repeat(64 * 1024);
        String bulky = new JsonObject().put("type", "alert").put("event", "updated")
                .put("alert", new JsonObject().put("id", "0").put("pad", pad)).encode();
        for (int i = 0; i < 400; i++) {
            fixture.server.vertx().eventBus().publish(Addresses.person("ws.slow"), bulky);
        }
        waitFor(() -> metric("gridwatch_ws_closed_total{reason=\"too_slow\"}") > droppedBefore);
        Alert missed = alerts.raise("while-dropped", slowCell.id());

        // then the client is closed as too slow, and a new connection's snapshot has what it missed
        slow.socket.resume();
        assertThat(slow.closeCode(Duration.ofSeconds(30))).isEqualTo((short) 1013);
        slow.close();
        try (WsClient again = WsClient.authenticated(fixture, slowWorker)) {
            assertThat(ids(again.snapshot)).contains(missed.idString());
        }
    }

    private static List<String> ids(JsonObject snapshot) {
        List<String> ids = new ArrayList<>();
        snapshot.getJsonArray("alerts").forEach(a -> ids.add(((JsonObject) a).getString("id")));
        return ids;
    }

    private static double metric(String series) throws Exception {
        String text = fixture.get("/metrics", null).bodyAsString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
