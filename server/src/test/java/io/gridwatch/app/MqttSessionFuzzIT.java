package io.gridwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Level;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Point;

/**
 * An MQTT session fuzz over raw loopback sockets: seeded sessions of malformed, truncated, mutated and out-of-order
 * packets (PUBLISH before CONNECT, a second CONNECT, PUBREL and PUBACK nobody asked for, reserved packet types,
 * impossible lengths, bad payloads on the device's own topic) from a device that holds a valid token. Bounded: a
 * fixed number of sessions, each a few packets and a short read. Afterwards the server still serves a real client,
 * and nothing the fuzz sent was stored.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MqttSessionFuzzIT {

    private static final int SESSIONS = 400;
    private static final String DEVICE = "fuzz-smoke-1";

    static ServerFixture fixture;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start();
        Point at = BundledGrid.guangming().units(Level.CELL).get(5).geometry().getInteriorPoint();
        HttpResponse<Buffer> registered = fixture.post("/api/devices", fixture.adminToken(), new JsonObject()
                .put("id", DEVICE).put("kind", "smoke").put("lon", at.getX()).put("lat", at.getY()));
        assertThat(registered.statusCode()).isEqualTo(201);
        token = registered.bodyAsJsonObject().getString("token");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void malformedAndOutOfOrderSessionsNeitherCrashTheServerNorStoreAnything() throws Exception {
        // given seeded sessions of broken MQTT from a device with a valid token
        Random random = new Random(20261203);
        int answered = 0;
        for (int session = 0; session < SESSIONS; session++) {
            // when each is sent on its own connection
            answered += runSession(random) ? 1 : 0;
        }

        // then the server is alive and serves a real client, which stores a reading
        assertThat(fixture.get("/health", null).statusCode()).isEqualTo(200);
        Mqtt5BlockingClient client = fixture.mqtt5(DEVICE, token);
        String valid = "{\"ts\":" + Instant.now().toEpochMilli() + ",\"seq\":1,\"obscuration\":0.3,\"alarm\":false}";
        client.publishWith().topic("devices/" + DEVICE + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(valid.getBytes(StandardCharsets.UTF_8)).send();
        client.disconnect();
        // and of everything the fuzz sent, nothing was stored: only the real client's reading is there
        assertThat(fixture.count("SELECT count(*) FROM readings WHERE device_id = '" + DEVICE + "'")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM readings")).isEqualTo(1);
        assertThat(answered).as("sessions the server answered at all").isPositive();
    }

    /** One session; true when the server sent anything back (a CONNACK, a PUBACK with a reason, a DISCONNECT). */
    private boolean runSession(Random random) throws IOException {
        int version = random.nextBoolean() ? 5 : 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int steps = 1 + random.nextInt(6);
        boolean connectFirst = random.nextInt(4) > 0;
        if (connectFirst) {
            out.writeBytes(connect(version, random.nextInt(10) == 0 ? "wrong" : token));
        }
        for (int i = 0; i < steps; i++) {
            byte[] packet = switch (random.nextInt(9)) {
                case 0 -> connect(version, token);                                        // a second CONNECT
                case 1 -> publish(version, "devices/" + DEVICE + "/readings", badPayload(random), 1, random);
                case 2 -> publish(version, "devices/other/readings", badPayload(random), 1, random);
                case 3 -> new byte[] {0x62, 0x02, 0x00, (byte) random.nextInt(256)};      // PUBREL out of order
                case 4 -> new byte[] {0x40, 0x02, 0x00, (byte) random.nextInt(256)};      // a PUBACK nobody asked for
                case 5 -> new byte[] {(byte) (random.nextBoolean() ? 0x00 : 0xF0), 0x00}; // reserved / AUTH
                case 6 -> new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}; // bad length
                case 7 -> randomBytes(random, 1 + random.nextInt(64));
                default -> mutate(publish(version, "devices/" + DEVICE + "/readings", badPayload(random), 1, random),
                        random);
            };
            if (random.nextInt(5) == 0) {
                packet = java.util.Arrays.copyOf(packet, random.nextInt(packet.length + 1));  // truncated
            }
            out.writeBytes(packet);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", fixture.server.mqttPort()), 2000);
            socket.setSoTimeout(150);
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
            return readSomething(socket.getInputStream());
        } catch (IOException closedOnUs) {
            return true;   // the server closed the connection: an answer too
        }
    }

    private static boolean readSomething(InputStream in) throws IOException {
        try {
            return in.read(new byte[512]) != 0;
        } catch (SocketTimeoutException quiet) {
            return false;
        }
    }

    /** Never a valid reading: it does not start with '{', or it is cut short. */
    private static byte[] badPayload(Random random) {
        byte[] json = "{\"ts\":1,\"seq\":1,\"obscuration\":0.3,\"alarm\":false}".getBytes(StandardCharsets.UTF_8);
        return random.nextBoolean() ? java.util.Arrays.copyOf(json, random.nextInt(json.length))
                : prefixed((byte) 0xFF, randomBytes(random, random.nextInt(40)));
    }

    private static byte[] mutate(byte[] packet, Random random) {
        byte[] copy = packet.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        // keep the mutated publish's payload invalid: its last byte is never the closing brace of a reading
        copy[copy.length - 1] = (byte) 0xFF;
        return copy;
    }

    private static byte[] connect(int version, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(version);
        body.write(0xC2);                 // username, password, clean start
        body.write(0);
        body.write(30);                   // keep alive 30 s
        if (version == 5) {
            body.write(0);                // no properties
        }
        string(body, DEVICE + "-fuzz");
        string(body, DEVICE);
        string(body, password);
        return packet(0x10, body.toByteArray());
    }

    private static byte[] publish(int version, String topic, byte[] payload, int qos, Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(0);
            body.write(1 + random.nextInt(200));
        }
        if (version == 5) {
            body.write(0);
        }
        body.writeBytes(payload);
        return packet(0x30 | (qos << 1), body.toByteArray());
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] all = new byte[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
