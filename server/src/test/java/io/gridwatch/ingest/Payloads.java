package io.gridwatch.ingest;

import io.gridwatch.model.Reading;
import java.nio.charset.StandardCharsets;

/** Reading payloads as devices send them, stamped with the current time. */
final class Payloads {

    private Payloads() {
    }

    static byte[] smoke(long seq) {
        return ("{\"ts\": " + System.currentTimeMillis() + ", \"seq\": " + seq
                + ", \"obscuration\": 1.5, \"alarm\": false, \"battery\": 90}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] waterLevel(long seq) {
        return ("{\"ts\": " + System.currentTimeMillis() + ", \"seq\": " + seq + ", \"level\": 2.5}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] text(String json) {
        return json.replace("NOW", Long.toString(System.currentTimeMillis())).getBytes(StandardCharsets.UTF_8);
    }
}
