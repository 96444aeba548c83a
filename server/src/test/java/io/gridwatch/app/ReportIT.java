package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.dispatch.Addresses;
import io.gridwatch.dispatch.Caller;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.gridwatch.people.Role;
import io.gridwatch.report.TestImages;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

/**
 * Snap-and-report over real HTTP multipart uploads, against the whole server and PostgreSQL. Each
 * test speaks from its own loopback address (127.0.0.N), as the upload rate is counted per address.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReportIT {

    /** 50 m and 300 m northwards, in degrees of latitude. */
    private static final double FIFTY_M = 50 / 111_195.0;
    private static final double THREE_HUNDRED_M = 300 / 111_195.0;
    private static final int RATE = 20;

    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static String admin;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start(Map.of("GRIDWATCH_REPORT_RATE", Integer.toString(RATE)));
        admin = fixture.adminToken();
    }

    @AfterAll
    static void stopServer() throws Exception {
        fixture.close();
    }

    @Test
    void aPhotoWithExifGpsAndNoPositionReachesTheCellWorkerWithoutItsMetadata() throws Exception {
        // given a grid worker for a cell, listening, and a sideways photo taken in that cell
        GridUnit cell = cell(300);
        addPerson("report.worker", "cell_worker", cell.id());
        String worker = fixture.login("report.worker", "s3cret-pass");
        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        MessageConsumer<String> inbox = fixture.server.vertx().eventBus().consumer(Addresses.person("report.worker"),
                message -> frames.add(new JsonObject(message.body())));
        ServerFixture.await(inbox.completion());
        Point at = cell.geometry().getInteriorPoint();
        byte[] photo = TestImages.withExif(TestImages.jpeg(TestImages.halves(80, 40)), 6, at.getX(), at.getY());

        // when the resident sends it without lon/lat
        HttpResponse<Buffer> created = upload(10, form("other", photo, "IMG_0001.jpg", null, null), null);

        // then it is located from the EXIF position, and the worker hears of the new alert, then of its clean photo
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject receipt = created.bodyAsJsonObject();
        assertThat(receipt.getJsonObject("path").getString("cell")).isEqualTo(cell.id());
        assertThat(receipt.getBoolean("merged")).isFalse();
        Eventually.until(Duration.ofSeconds(10), "the worker gets the alert with its photo",
                () -> frames.stream().anyMatch(f -> f.getJsonObject("alert").containsKey("photos")));
        assertThat(frames.get(0).getString("event")).isEqualTo("opened");
        JsonObject withPhoto = frames.stream().filter(f -> f.getJsonObject("alert").containsKey("photos"))
                .findFirst().orElseThrow();
        assertThat(withPhoto.getString("event")).isIn("opened", "updated");
        JsonObject alert = withPhoto.getJsonObject("alert");
        assertThat(alert.getString("id")).isEqualTo(receipt.getString("alert_id"));
        assertThat(alert.getString("kind")).isEqualTo("report");
        assertThat(alert.getString("severity")).isEqualTo("minor");
        assertThat(alert.getJsonObject("source").getString("report")).isEqualTo(receipt.getString("id"));
        String url = alert.getJsonArray("photos").getString(0);
        assertThat(url).matches("/api/photos/\\d+");

        // and the photo is for staff only, re-encoded, upright, with nothing of the EXIF block
        assertThat(fixture.get(url, null).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> image = fixture.get(url, worker);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.getHeader("content-type")).isEqualTo("image/jpeg");
        assertThat(image.getHeader("cache-control")).startsWith("private");
        byte[] stored = image.body().getBytes();
        assertThat(TestImages.hasExif(stored)).isFalse();
        assertThat(TestImages.contains(stored, TestImages.SERIAL)).isFalse();
        assertThat(TestImages.contains(stored, TestImages.COMMENT)).isFalse();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(shown.getWidth()).isEqualTo(40);
        assertThat(shown.getHeight()).isEqualTo(80);
        assertThat(fixture.get(url + "/thumb", worker).statusCode()).isEqualTo(200);
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE located_by = 'exif'")).isEqualTo(1);
        inbox.unregister();
    }

    @Test
    void theResidentsTrackingViewShowsTheStatusAndUnitButNoStaff() throws Exception {
        GridUnit cell = cell(700);
        addPerson("tracking.worker", "cell_worker", cell.id());
        Point at = cell.geometry().getInteriorPoint();
        JsonObject receipt = upload(11, form("blocked_fire_exit", TestImages.png(TestImages.halves(300, 200)),
                "exit.png", at.getX(), at.getY()), null).bodyAsJsonObject();
        ServerFixture.await(fixture.server.alerts().acknowledge(Long.parseLong(receipt.getString("alert_id")),
                new Caller("tracking.worker", Role.CELL_WORKER, cell.id())));

        HttpResponse<Buffer> view = fixture.get("/api/reports/" + receipt.getString("tracking_code"), null);

        assertThat(view.statusCode()).as(view.bodyAsString()).isEqualTo(200);
        JsonObject body = view.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("acknowledged");
        assertThat(body.getString("photo")).isIn("processing", "ready");
        assertThat(body.getString("category")).isEqualTo("blocked_fire_exit");
        assertThat(body.getJsonObject("category_label").getString("zh")).isEqualTo("消防通道堵塞");
        assertThat(body.getJsonObject("responsible_unit").getString("name")).isEqualTo(cell.name());
        assertThat(view.bodyAsString()).doesNotContain("tracking.worker").doesNotContain("acked_by")
                .doesNotContain("phone").doesNotContain("note");
        assertThat(fixture.get("/api/reports/ZZZZZZZZZZZZ", null).statusCode()).isEqualTo(404);
        assertThat(fixture.get("/api/reports/categories", null).bodyAsJsonObject().getJsonArray("categories"))
                .hasSize(8);
    }

    @Test
    void aSecondReportFiftyMetresAwayJoinsTheAlertAndOneThreeHundredMetresAwayOpensAnother() throws Exception {
        Point at = cell(1000).geometry().getInteriorPoint();

        JsonObject first = upload(12, jpegForm("flooding", at.getX(), at.getY()), null).bodyAsJsonObject();
        JsonObject near = upload(12, jpegForm("flooding", at.getX(), at.getY() + FIFTY_M), null).bodyAsJsonObject();
        JsonObject far = upload(12, jpegForm("flooding", at.getX(), at.getY() + THREE_HUNDRED_M), null)
                .bodyAsJsonObject();

        assertThat(near.getBoolean("merged")).as(near.encode()).isTrue();
        assertThat(near.getString("alert_id")).isEqualTo(first.getString("alert_id"));
        Eventually.until(Duration.ofSeconds(10), "both photos are clean",
                () -> holds(() -> alert(first.getString("alert_id")).photoIds().size() == 2));
        Alert joined = alert(first.getString("alert_id"));
        assertThat(joined.count()).isEqualTo(2);
        assertThat(joined.photoIds()).hasSize(2);
        assertThat(joined.toJson().getJsonArray("photos")).hasSize(2);
        assertThat(far.getBoolean("merged")).isFalse();
        assertThat(far.getString("alert_id")).isNotEqualTo(first.getString("alert_id"));
    }

    @Test
    void aSmokeReportJoinsTheOpenSmokeSensorAlertOfItsCell() throws Exception {
        GridUnit cell = cell(1300);
        GridPath path = fixture.server.locator().grid().path(cell.id()).orElseThrow();
        Alert sensor = ServerFixture.await(fixture.server.alerts().raise(AlertKind.SMOKE, Severity.MAJOR,
                AlertSource.device("smoke-fusion"), path, 12.0, Reason.of("test", "obscuration 12 %/m"), false)).alert();
        Point at = cell.geometry().getInteriorPoint();

        JsonObject receipt = upload(13, jpegForm("smoke", at.getX(), at.getY()), null).bodyAsJsonObject();

        assertThat(receipt.getBoolean("merged")).isTrue();
        assertThat(receipt.getString("alert_id")).isEqualTo(sensor.idString());
        Eventually.until(Duration.ofSeconds(10), "the photo is clean", () -> holds(() -> !alert(sensor.idString()).photoIds().isEmpty()));
        Alert fused = alert(sensor.idString());
        assertThat(fused.source().device()).isEqualTo("smoke-fusion");
        assertThat(fused.photoIds()).hasSize(1);
        assertThat(fused.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void badUploadsAreRefusedWithJsonErrorsAndNothingIsStored() throws Exception {
        long reports = fixture.count("SELECT count(*) FROM reports");
        long photos = fixture.count("SELECT count(*) FROM report_photos");
        Point at = cell(500).geometry().getInteriorPoint();
        byte[] jpeg = TestImages.jpeg(TestImages.halves(200, 200));
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("text renamed .jpg", new Object[] {415, photoForm("hello, not a picture".getBytes(), "a.jpg", at)});
        cases.put("html", new Object[] {415, photoForm(html, "a.html", at)});
        cases.put("svg", new Object[] {415, photoForm("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(),
                "a.svg", at)});
        cases.put("gif/jpeg polyglot", new Object[] {415, photoForm(TestImages.concat("GIF89a".getBytes(), jpeg),
                "a.jpg", at)});
        cases.put("jpeg header + html", new Object[] {422, photoForm(TestImages.concat(Arrays.copyOf(jpeg, 30), html),
                "a.jpg", at)});
        cases.put("60000 x 60000 png", new Object[] {422, photoForm(TestImages.pngHeader(60_000, 60_000), "a.png",
                at)});
        cases.put("30 MB", new Object[] {413, photoForm(new byte[30 * 1024 * 1024], "big.jpg", at)});
        cases.put("no photo", new Object[] {400, MultipartForm.create().attribute("category", "other")
                .attribute("lon", Double.toString(at.getX())).attribute("lat", Double.toString(at.getY()))});
        cases.put("no category", new Object[] {400, MultipartForm.create().binaryFileUpload("photo", "a.jpg",
                Buffer.buffer(jpeg), "image/jpeg")});
        cases.put("unknown category", new Object[] {400, form("volcano", jpeg, "a.jpg", at.getX(), at.getY())});
        cases.put("lon without lat", new Object[] {400, form("other", jpeg, "a.jpg", at.getX(), null)});
        cases.put("no position, no gps", new Object[] {400, form("other", jpeg, "a.jpg", null, null)});
        cases.put("outside the district", new Object[] {422, form("other", jpeg, "a.jpg", 116.4, 39.9)});

        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            HttpResponse<Buffer> response = upload(14, (MultipartForm) c.getValue()[1], null);
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.bodyAsString())
                    .isEqualTo(c.getValue()[0]);
            assertThat(response.getHeader("content-type")).as(c.getKey()).isEqualTo("application/json");
            assertThat(response.bodyAsJsonObject().getString("error")).as(c.getKey()).isNotBlank();
            assertThat(response.bodyAsJsonObject().getString("message")).as(c.getKey()).isNotBlank();
        }

        assertThat(fixture.count("SELECT count(*) FROM reports")).isEqualTo(reports);
        assertThat(fixture.count("SELECT count(*) FROM report_photos")).isEqualTo(photos);
        Eventually.until(Duration.ofSeconds(10), "uploads are deleted", () -> uploadsLeft() == 0);
    }

    @Test
    void aPhotoDamagedPastItsHeaderIsAnsweredAtOnceThenMarkedFailedOnTheTrackingPageAndNeverServed() throws Exception {
        // given a JPEG cut in half: its header is sound, its pixels are not (only decoding can tell)
        GridUnit cell = cell(560);
        Point at = cell.geometry().getInteriorPoint();
        byte[] jpeg = TestImages.noisyJpeg(400, 300, 7);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);

        // when a resident sends it
        HttpResponse<Buffer> created = upload(19, photoForm(truncated, "cut.jpg", at), null);

        // then the answer is 201 with a tracking code: the decoding comes after the answer
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject receipt = created.bodyAsJsonObject();
        String track = "/api/reports/" + receipt.getString("tracking_code");
        // and once the sanitiser has failed on it, the resident reads so; nothing of it is kept or shown to staff
        long photo = fixture.count("SELECT p.id FROM report_photos p JOIN reports r ON r.id = p.report_id"
                + " WHERE r.tracking_code = '" + receipt.getString("tracking_code") + "'");
        Eventually.until(Duration.ofSeconds(20), "the photo is marked failed", () -> holds(() -> fixture.count(
                "SELECT count(*) FROM report_photos WHERE state = 'failed' AND id = " + photo) == 1));
        assertThat(fixture.get(track, null).bodyAsJsonObject().getString("photo")).isEqualTo("failed");
        assertThat(fixture.count("SELECT count(*) FROM report_photos WHERE id = " + photo
                + " AND state = 'failed' AND raw IS NULL AND bytes IS NULL AND failure = 'bad_image'")).isEqualTo(1);
        assertThat(fixture.get("/api/photos/" + photo, admin).statusCode()).isEqualTo(404);
        assertThat(alert(receipt.getString("alert_id")).photoIds()).isEmpty();
        assertThat(fixture.count("SELECT count(*) FROM alerts WHERE id = " + receipt.getString("alert_id")))
                .isEqualTo(1);
    }

    @Test
    void aClientFileNameIsNeverUsedAsAPath() throws Exception {
        Point at = cell(520).geometry().getInteriorPoint();

        HttpResponse<Buffer> response = upload(15, form("other", TestImages.jpeg(TestImages.halves(40, 40)),
                "../../etc/passwd", at.getX(), at.getY()), null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Files.exists(dir.resolve("etc/passwd"))).isFalse();
        Eventually.until(Duration.ofSeconds(10), "uploads are deleted", () -> uploadsLeft() == 0);
    }

    @Test
    void uploadsPastTheRatePerAddressGet429() throws Exception {
        for (int i = 0; i < RATE; i++) {
            upload(16, MultipartForm.create().attribute("category", "other"), null);
        }

        HttpResponse<Buffer> refused = upload(16, MultipartForm.create().attribute("category", "other"), null);
        HttpResponse<Buffer> otherAddress = upload(17, MultipartForm.create().attribute("category", "other"), null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("too_many_requests");
        assertThat(otherAddress.statusCode()).isEqualTo(400);
    }

    @Test
    void uploadsWaitingForASlowDatabaseAreBoundedThoseOverTheBoundGet503AndTheRestAreStored() throws Exception {
        int uploads = 4 * Runtime.getRuntime().availableProcessors() + 8 + 8;
        Point at = cell(1500).geometry().getInteriorPoint();
        List<io.vertx.core.Future<HttpResponse<Buffer>>> answers = new CopyOnWriteArrayList<>();
        try (Connection blocker = DriverManager.getConnection(fixture.db.jdbcUrl(), fixture.db.user(),
                fixture.db.password())) {
            // given a database that cannot take a report for now
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE reports IN ACCESS EXCLUSIVE MODE");

            // when more uploads arrive than the server keeps in hand (each from an address of its own)
            for (int i = 0; i < uploads; i++) {
                WebClient client = WebClient.create(fixture.server.vertx(),
                        new WebClientOptions().setLocalAddress("127.0.1." + (10 + i)));
                answers.add(client.post(fixture.server.httpPort(), "127.0.0.1", "/api/reports")
                        .sendMultipartForm(form("structural_danger", TestImages.jpeg(TestImages.halves(120, 90)),
                                "photo.jpg", at.getX(), at.getY()))
                        .onComplete(done -> client.close()));
            }

            // then those over the bound are refused at once, while the others wait for the database in hand
            Eventually.until(Duration.ofSeconds(30), "uploads over the bound refused",
                    () -> answers.stream().anyMatch(a -> a.isComplete() && a.succeeded() && a.result().statusCode() == 503));
            blocker.rollback();
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (io.vertx.core.Future<HttpResponse<Buffer>> answer : answers) {
            statuses.add(ServerFixture.await(answer).statusCode());
        }
        assertThat(statuses).containsOnly(201, 503).contains(201);
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE category = 'structural_danger'"))
                .isEqualTo(statuses.stream().filter(status -> status == 201).count());
        assertThat(fixture.count("SELECT count(*) FROM report_photos p JOIN reports r ON r.id = p.report_id"
                + " WHERE r.category = 'structural_danger'")).as("every stored report has its photo")
                .isEqualTo(statuses.stream().filter(status -> status == 201).count());
    }

    @Test
    void aReportThatCannotBeStoredLeavesNoPhoto() throws Exception {
        Point at = cell(1540).geometry().getInteriorPoint();
        long photos = fixture.count("SELECT count(*) FROM report_photos");
        long reports = fixture.count("SELECT count(*) FROM reports");
        // given a database that refuses this report's row (after the photo's own transaction has committed)
        execute("ALTER TABLE reports ADD CONSTRAINT refused_by_test"
                + " CHECK (description IS DISTINCT FROM 'refused by the test')");
        try {
            // when the resident sends it
            HttpResponse<Buffer> response = upload(22, jpegForm("flooding", at.getX(), at.getY())
                    .attribute("description", "refused by the test"), null);

            // then it is not accepted, and neither the report nor its photo stays
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(500);
            Eventually.until(Duration.ofSeconds(10), "the photo deleted with its report", () -> holds(
                    () -> fixture.count("SELECT count(*) FROM report_photos") == photos));
            assertThat(fixture.count("SELECT count(*) FROM reports")).isEqualTo(reports);
        } finally {
            execute("ALTER TABLE reports DROP CONSTRAINT refused_by_test");
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstReport() throws Exception {
        Point at = cell(900).geometry().getInteriorPoint();

        HttpResponse<Buffer> first = upload(18, jpegForm("gas_leak", at.getX(), at.getY()), "retry-key-1");
        HttpResponse<Buffer> again = upload(18, jpegForm("gas_leak", at.getX(), at.getY()), "retry-key-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
        assertThat(fixture.count("SELECT count(*) FROM reports WHERE category = 'gas_leak'")).isEqualTo(1);
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(fixture.db.jdbcUrl(), fixture.db.user(),
                fixture.db.password())) {
            connection.createStatement().execute(sql);
        }
    }

    /** A condition that may throw, for {@link Eventually}. */
    static boolean holds(java.util.concurrent.Callable<Boolean> condition) {
        try {
            return condition.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GridUnit cell(int index) {
        return fixture.server.locator().grid().units(Level.CELL).get(index);
    }

    private static Alert alert(String id) throws Exception {
        return ServerFixture.await(fixture.server.alerts().store().find(Long.parseLong(id))).orElseThrow();
    }

    private static void addPerson(String username, String role, String unit) throws Exception {
        HttpResponse<Buffer> added = fixture.post("/api/people", admin, new JsonObject().put("username", username)
                .put("password", "s3cret-pass").put("name", username).put("role", role).put("unit", unit));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    }

    private static MultipartForm jpegForm(String category, double lon, double lat) {
        return form(category, TestImages.jpeg(TestImages.halves(120, 90)), "photo.jpg", lon, lat);
    }

    private static MultipartForm photoForm(byte[] photo, String name, Point at) {
        return form("other", photo, name, at.getX(), at.getY());
    }

    private static MultipartForm form(String category, byte[] photo, String fileName, Double lon, Double lat) {
        MultipartForm form = MultipartForm.create().attribute("category", category);
        if (lon != null) {
            form.attribute("lon", Double.toString(lon));
        }
        if (lat != null) {
            form.attribute("lat", Double.toString(lat));
        }
        return form.binaryFileUpload("photo", fileName, Buffer.buffer(photo), "image/jpeg");
    }

    /** POSTs the form from 127.0.0.{address}. */
    private static HttpResponse<Buffer> upload(int address, MultipartForm form, String idempotencyKey)
            throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx(),
                new WebClientOptions().setLocalAddress("127.0.0." + address));
        try {
            var request = client.post(fixture.server.httpPort(), "127.0.0.1", "/api/reports");
            if (idempotencyKey != null) {
                request.putHeader("Idempotency-Key", idempotencyKey);
            }
            return ServerFixture.await(request.sendMultipartForm(form));
        } finally {
            client.close();
        }
    }

    /** Files left in the server's uploads directories. */
    private static long uploadsLeft() {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("gridwatch-uploads-"))
                    .mapToLong(ReportIT::files).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
