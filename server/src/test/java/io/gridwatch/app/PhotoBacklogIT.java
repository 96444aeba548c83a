package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.Level;
import io.gridwatch.report.TestImages;
import io.gridwatch.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * Residents' photos are answered first and sanitised after, with the to-do in the database: a burst of large photos
 * leaves some pending when the server stops, the raw uploads are never served meanwhile, and the restarted server
 * sanitises every one of them and lists each in its alert; an upload whose report never came is never taken, and
 * deleted once stale.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PhotoBacklogIT {

    private static final int UPLOADS = 12;

    @Test
    void photosAnsweredButNotYetSanitisedWhenTheServerStopsAreSanitisedAfterTheRestart() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Map.of("GRIDWATCH_REPORT_RATE", "1000"))) {
            String admin = fixture.adminToken();
            Point at = fixture.server.locator().grid().units(Level.CELL).get(1200).geometry().getInteriorPoint();
            // a 24 MP photo (6,000 × 4,000): a few hundred milliseconds of image work each, two at a time
            byte[] photo = TestImages.jpeg(TestImages.halves(6000, 4000));

            // when a burst of residents send their photos at once, and the server stops as soon as all are answered
            List<JsonObject> receipts = uploadAll(fixture, photo, at);
            List<Integer> servedWhileFresh = new ArrayList<>();
            for (long id : photoIds(fixture)) {
                servedWhileFresh.add(fixture.get("/api/photos/" + id, admin).statusCode());
            }
            fixture.stopServer();
            long pendingAtStop = fixture.count("SELECT count(*) FROM report_photos WHERE state = 'pending'");

            // then every upload was answered 201 before its image work, and nothing raw was served meanwhile
            assertThat(receipts).hasSize(UPLOADS);
            assertThat(pendingAtStop).as("photos still pending when the server stopped").isPositive();
            assertThat(servedWhileFresh).as("a pending photo is 404, a clean one 200").containsAnyOf(404)
                    .allMatch(status -> status == 200 || status == 404);

            // and after the restart the backlog is taken up from the database: every photo clean, in its alert
            fixture.startServer();
            Eventually.until(Duration.ofSeconds(90), "every pending photo is sanitised", () -> ReportIT.holds(
                    () -> fixture.count("SELECT count(*) FROM report_photos WHERE state = 'clean'") == UPLOADS));
            assertThat(fixture.count("SELECT count(*) FROM report_photos WHERE raw IS NOT NULL"))
                    .isZero();
            assertThat(fixture.count("SELECT count(*) FROM alerts a JOIN reports r ON r.alert_id = a.id"
                    + " JOIN report_photos p ON p.report_id = r.id WHERE p.id = ANY (a.photo_ids)")).isEqualTo(UPLOADS);
            long last = photoIds(fixture).get(UPLOADS - 1);
            HttpResponse<Buffer> clean = fixture.get("/api/photos/" + last, fixture.adminToken());
            assertThat(clean.statusCode()).isEqualTo(200);
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(clean.body().getBytes()));
            assertThat(Math.max(shown.getWidth(), shown.getHeight())).isLessThanOrEqualTo(2048);
        }
    }

    private static List<JsonObject> uploadAll(ServerFixture fixture, byte[] photo, Point at) throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx());
        try {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                MultipartForm form = MultipartForm.create().attribute("category", "other")
                        .attribute("lon", Double.toString(at.getX())).attribute("lat", Double.toString(at.getY()))
                        .binaryFileUpload("photo", "big.jpg", Buffer.buffer(photo), "image/jpeg");
                sent.add(client.post(fixture.server.httpPort(), "127.0.0.1", "/api/reports").sendMultipartForm(form));
            }
            ServerFixture.await(Future.join(sent));
            List<JsonObject> receipts = new ArrayList<>();
            for (Future<HttpResponse<Buffer>> response : sent) {
                assertThat(response.result().statusCode()).as(response.result().bodyAsString()).isEqualTo(201);
                receipts.add(response.result().bodyAsJsonObject());
            }
            return receipts;
        } finally {
            client.close();
        }
    }

    private static List<Long> photoIds(ServerFixture fixture) throws Exception {
        List<Long> ids = new ArrayList<>();
        long count = fixture.count("SELECT count(*) FROM report_photos");
        long first = fixture.count("SELECT min(id) FROM report_photos");
        for (long id = first; id < first + count; id++) {
            ids.add(id);
        }
        return ids;
    }
}
