package io.gridwatch.simulator.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of a smoke reading as a device sends it (ARCHITECTURE 3.3), a quiet detector with no alarm, and the
 * way back from a payload to its sequence number (how an acknowledgement finds its send time).
 */
public final class ReadingPayload {

    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private ReadingPayload() {
    }

    /** {@code {"ts":…,"seq":…,"obscuration":…,"alarm":false,"battery":90}} in UTF-8. */
    public static byte[] smoke(long tsMillis, long seq) {
        // a little baseline noise (0.10 … 0.49 %/m), far from any alarm threshold
        int hundredths = 10 + Math.floorMod(seq * 7, 40);
        String json = "{\"ts\":" + tsMillis + ",\"seq\":" + seq + ",\"obscuration\":0." + hundredths
                + ",\"alarm\":false,\"battery\":90}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code seq} of a payload made by {@link #smoke}; -1 when it has none. Leaves the buffer's position. */
    public static long seqOf(ByteBuffer payload) {
        int end = payload.limit();
        outer:
        for (int i = payload.position(); i + SEQ_KEY.length < end; i++) {
            for (int k = 0; k < SEQ_KEY.length; k++) {
                if (payload.get(i + k) != SEQ_KEY[k]) {
                    continue outer;
                }
            }
            long seq = 0;
            int digits = 0;
            for (int j = i + SEQ_KEY.length; j < end; j++, digits++) {
                byte b = payload.get(j);
                if (b < '0' || b > '9') {
                    break;
                }
                seq = seq * 10 + (b - '0');
            }
            return digits == 0 ? -1 : seq;
        }
        return -1;
    }
}
