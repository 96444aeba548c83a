package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gridwatch.geo.model.Level;
import io.gridwatch.report.TestImages;
import io.gridwatch.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Input that PostgreSQL or the decoders cannot take is refused at the HTTP edge with a 400 naming
 * the field, nothing stored and nothing logged as a server error: NUL characters, lone UTF-16
 * surrogates, duplicate keys, over-long text, dates outside any sane range, broken multipart.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadInputIT {

    @TempDir
    static Path dir;
    static ServerFixture fixture;
    static String admin;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();
    /** Where this test's lines start in {@link #log}. */
    int mark;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = ServerFixture.start();
        admin = fixture.adminToken();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    static void stopServer() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        fixture.close();
    }

    @BeforeEach
    void markTheLog() {
        mark = log.list.size();
    }

    @Test
    void aNulInTheLogInIsABadRequestNamingTheFieldWithoutLoggingInFirst() throws Exception {
        HttpResponse<Buffer> response = fixture.post("/api/login", null, "{\"username\":\"admin\\u0000\",\"password\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("\"username\"").contains("NUL");
        assertNoServerErrorLogged();
    }

    @Test
    void aNulInAPersonsNameOrPhoneIsRefusedAndNobodyIsAdded() throws Exception {
        JsonObject nulName = ServerFixture.personJson("nul.name", "rescue", district()).put("name", "Li\u0000");
        JsonObject nulPhone = ServerFixture.personJson("nul.phone", "rescue", district()).put("phone", "\u0000");

        HttpResponse<Buffer> name = fixture.post("/api/people", admin, nulName);
        HttpResponse<Buffer> phone = fixture.post("/api/people", admin, "[" + nulPhone.encode() + "]");

        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.bodyAsJsonObject().getString("message")).startsWith("\"name\"");
        assertThat(phone.statusCode()).isEqualTo(400);
        assertThat(phone.bodyAsJsonObject().getString("message")).startsWith("\"0.phone\"");
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username LIKE 'nul.%'")).isZero();
        assertNoServerErrorLogged();
    }

    @Test
    void aNulInADeviceNameANoteOrAPathIsRefused() throws Exception {
        JsonObject device = new JsonObject().put("id", "nul-dev").put("kind", "smoke").put("lon", 113.93)
                .put("lat", 22.75).put("name", "hall\u0000");

        HttpResponse<Buffer> registered = fixture.post("/api/devices", admin, device);
        HttpResponse<Buffer> noted = fixture.post("/api/alerts/1/resolve", admin, new JsonObject().put("note", "\u0000"));
        HttpResponse<Buffer> path = fixture.get("/api/devices/%00", admin);
        HttpResponse<Buffer> readings = fixture.get("/api/devices/a%00b/readings", admin);
        HttpResponse<Buffer> query = fixture.get("/api/alerts?unit=%00", admin);

        assertThat(registered.statusCode()).isEqualTo(400);
        assertThat(registered.bodyAsJsonObject().getString("message")).startsWith("\"name\"");
        assertThat(noted.statusCode()).isEqualTo(400);
        assertThat(noted.bodyAsJsonObject().getString("message")).startsWith("\"note\"");
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.bodyAsJsonObject().getString("message")).contains("path");
        assertThat(readings.statusCode()).isEqualTo(400);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.bodyAsJsonObject().getString("message")).contains("unit");
        assertThat(fixture.count("SELECT count(*) FROM devices WHERE id = 'nul-dev'")).isZero();
        assertNoServerErrorLogged();
    }

    @Test
    void aLoneSurrogateIsRefusedRatherThanStoredAsAQuestionMark() throws Exception {
        HttpResponse<Buffer> response = fixture.post("/api/people", admin,
                "{\"username\":\"lone.surrogate\",\"password\":\"s3cret-pass\",\"name\":\"Li \\ud800\","
                        + "\"role\":\"rescue\",\"unit\":\"" + district() + "\"}");
        HttpResponse<Buffer> pair = fixture.post("/api/people", admin,
                "{\"username\":\"surrogate.pair\",\"password\":\"s3cret-pass\",\"name\":\"Li \\ud83d\\ude92\","
                        + "\"role\":\"rescue\",\"unit\":\"" + district() + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("\"name\"").contains("surrogate");
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username = 'lone.surrogate'")).isZero();
        // a proper pair (an emoji) is a character like any other
        assertThat(pair.statusCode()).as(pair.bodyAsString()).isEqualTo(201);
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username = 'surrogate.pair' AND name = 'Li \uD83D\uDE92'"))
                .isOne();
    }

    @Test
    void aKeyGivenTwiceIsRefusedInsteadOfKeepingTheLast() throws Exception {
        HttpResponse<Buffer> response = fixture.post("/api/people", admin,
                "{\"username\":\"twice\",\"password\":\"s3cret-pass\",\"name\":\"a\",\"role\":\"rescue\","
                        + "\"role\":\"admin\",\"unit\":\"" + district() + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("\"role\" appears twice in one object");
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username = 'twice'")).isZero();
    }

    @Test
    void megabyteNamesAndOverLongFieldsAreRefused() throws Exception {
        String megabyte = "x".repeat(1024 * 1024);
        HttpResponse<Buffer> person = fixture.post("/api/people", admin,
                ServerFixture.personJson("long.name", "rescue", district()).put("name", megabyte));
        HttpResponse<Buffer> phone = fixture.post("/api/people", admin,
                ServerFixture.personJson("long.phone", "rescue", district()).put("phone", "1".repeat(200)));
        HttpResponse<Buffer> device = fixture.post("/api/devices", admin, new JsonObject().put("id", "long-name")
                .put("kind", "smoke").put("lon", 113.93).put("lat", 22.75).put("name", "n".repeat(1000)));

        assertThat(person.statusCode()).isEqualTo(400);
        assertThat(person.bodyAsJsonObject().getString("message")).contains("\"name\"").contains("longer than");
        assertThat(phone.statusCode()).isEqualTo(400);
        assertThat(device.statusCode()).isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM people WHERE username LIKE 'long.%'")).isZero();
        assertThat(fixture.count("SELECT count(*) FROM devices WHERE id = 'long-name'")).isZero();
    }

    @Test
    void datesOutsideASaneRangeAreBadRequests() throws Exception {
        for (String query : List.of("/api/stats?to=-999999999-01-01T00:00:00Z", "/api/stats?from=+999999999-01-01T00:00:00Z",
                "/api/alerts?since=-999999999-01-01T00:00:00Z", "/api/devices/x/readings?since=+999999999-12-31T00:00:00Z")) {
            HttpResponse<Buffer> response = fixture.get(query, admin);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("message")).as(query).contains("1970-01-01T00:00:00Z");
        }
        assertNoServerErrorLogged();
    }

    @Test
    void aReportWithATenThousandCharacterFileNameIsRefusedAndNothingIsWritten() throws Exception {
        MultipartForm form = MultipartForm.create().attribute("category", "other").attribute("lon", "113.93")
                .attribute("lat", "22.75").binaryFileUpload("photo", "p".repeat(10_000) + ".jpg",
                        Buffer.buffer(TestImages.jpeg(TestImages.halves(40, 40))), "image/jpeg");

        long before = fixture.count("SELECT count(*) FROM reports");
        long filesBefore = uploadsLeft();

        HttpResponse<Buffer> response = report(40, form);

        assertThat(response.statusCode()).isIn(400, 413);
        assertThat(fixture.count("SELECT count(*) FROM reports")).isEqualTo(before);
        Eventually.until(Duration.ofSeconds(10), "the upload is deleted", () -> uploadsLeft() <= filesBefore);
        assertNoServerErrorLogged();
    }

    @Test
    void aReportWithANulInAFormFieldIsRefused() throws Exception {
        MultipartForm form = MultipartForm.create().attribute("category", "other").attribute("lon", "113.93")
                .attribute("lat", "22.75").attribute("description", "smoke\u0000")
                .binaryFileUpload("photo", "a.jpg", Buffer.buffer(TestImages.jpeg(TestImages.halves(40, 40))), "image/jpeg");

        long before = fixture.count("SELECT count(*) FROM reports");

        HttpResponse<Buffer> response = report(41, form);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("description");
        assertThat(fixture.count("SELECT count(*) FROM reports")).isEqualTo(before);
    }

    @Test
    void multipartWithoutABoundaryIsABadRequest() throws Exception {
        long before = fixture.count("SELECT count(*) FROM reports");
        HttpResponse<Buffer> response = raw(42, "multipart/form-data", Buffer.buffer("--x\r\nContent-Disposition: "
                + "form-data; name=\"category\"\r\n\r\nother\r\n--x--\r\n"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fixture.count("SELECT count(*) FROM reports")).isEqualTo(before);
        assertNoServerErrorLogged();
    }

    @Test
    void chunkedBodiesOverTheLimitAre413sLoggedInOneLineAtMost() throws Exception {
        chunkedOverTheLimit("/api/people", "application/json", 100);
        chunkedOverTheLimit("/api/reports", "multipart/form-data; boundary=x", 200);
    }

    private static void chunkedOverTheLimit(String path, String contentType, int chunks) throws Exception {
        int before = log.list.size();
        HttpClient client = fixture.server.vertx().createHttpClient();
        try {
            HttpClientRequest request = ServerFixture.await(client.request(new RequestOptions().setMethod(HttpMethod.POST)
                    .setHost("127.0.0.1").setPort(fixture.server.httpPort()).setURI(path)
                    .putHeader("Authorization", "Bearer " + admin).putHeader("content-type", contentType)));
            request.setChunked(true);
            Buffer chunk = Buffer.buffer(("--x\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n\r\n"))
                    .appendBytes(new byte[64 * 1024]);
            var response = request.response();
            for (int i = 0; i < chunks && !response.isComplete(); i++) {
                request.write(chunk);
            }
            request.end();
            HttpClientResponse answer = ServerFixture.await(response);

            assertThat(answer.statusCode()).isEqualTo(413);
        } finally {
            client.close();
        }
        Thread.sleep(500);
        List<ILoggingEvent> lines = List.copyOf(log.list.subList(before, log.list.size()));
        // at most one line, without a stack trace
        assertThat(lines).as(path).noneMatch(e -> e.getThrowableProxy() != null).hasSizeLessThanOrEqualTo(1);
    }

    private static String district() {
        return fixture.server.locator().grid().units(Level.DISTRICT).get(0).id();
    }

    private void assertNoServerErrorLogged() {
        assertThat(List.copyOf(log.list.subList(mark, log.list.size())).stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage)).isEmpty();
    }

    private static HttpResponse<Buffer> report(int address, MultipartForm form) throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx(), new WebClientOptions().setLocalAddress("127.0.0." + address));
        try {
            return ServerFixture.await(client.post(fixture.server.httpPort(), "127.0.0.1", "/api/reports").sendMultipartForm(form));
        } finally {
            client.close();
        }
    }

    private static HttpResponse<Buffer> raw(int address, String contentType, Buffer body) throws Exception {
        WebClient client = WebClient.create(fixture.server.vertx(), new WebClientOptions().setLocalAddress("127.0.0." + address));
        try {
            return ServerFixture.await(client.post(fixture.server.httpPort(), "127.0.0.1", "/api/reports")
                    .putHeader("content-type", contentType).sendBuffer(body));
        } finally {
            client.close();
        }
    }

    /** Other servers on this machine upload too: only this test's server holds its directory's lock from this JVM. */
    private static boolean heldByThisProcess(Path directory) {
        try (FileChannel channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
            }
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long uploadsLeft() {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("gridwatch-uploads-") && Files.isDirectory(d))
                    .filter(BadInputIT::heldByThisProcess)
                    .mapToLong(d -> {
                        try (Stream<Path> files = Files.list(d)) {
                            return files.count();
                        } catch (java.io.IOException e) {
                            return 0;
                        }
                    }).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
