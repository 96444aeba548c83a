package io.gridwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.ReadingField;
import io.gridwatch.model.SensorKind;
import io.gridwatch.store.LateWindow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Decodes the JSON payload of {@code devices/{id}/readings} into a {@link Reading}, or refuses it with a
 * {@link RejectedReading} that names the first problem found.
 *
 * <p>The contract (ARCHITECTURE 3.3, 3.7): every kind sends {@code ts}, {@code seq} and optionally {@code battery},
 * plus its own fields as its {@link KindRegistry} entry lists them, with their ranges:
 * <pre>
 * smoke:       {"ts": epoch-ms | ISO-8601, "seq": n, "obscuration": %/m 0-100, "alarm": bool, "battery": 0-100}
 * water_level: {"ts", "seq", "level": m -50-1000, "battery"}
 * gas:         {"ts", "seq", "lel": %LEL 0-100, "alarm": bool, "battery"}
 * heat:        {"ts", "seq", "temp_c": °C -40-200, "alarm": bool, "battery"}
 * </pre>
 * <ul>
 * <li>{@code ts} (required): whole milliseconds since 1970-01-01T00:00Z, or an ISO-8601 date-time with a zone
 *     offset ({@code 2025-06-01T08:00:00+08:00}, {@code 2025-06-01T00:00:00.250Z}). A local time without offset
 *     is refused as ambiguous. It may lie at most {@code maxAge} before the moment the server received it
 *     (default 30 days, so that a gauge that was offline can upload its backlog) and at most {@code maxAhead}
 *     after it (default 10 minutes of clock skew).
 * <li>{@code seq} (required): a whole number, 0 to 2<sup>63</sup>-1.
 * <li>the kind's fields: numbers within the registered range, flags {@code true} or {@code false}.
 * <li>{@code battery} (optional, may be null): a whole number of percent, 0 to 100.
 * </ul>
 * Whole numbers may be written {@code 87} or {@code 87.0}, not {@code 87.5}. A required field that is null counts
 * as missing. Any other field is refused ({@link RejectReason#UNKNOWN_FIELD}, or {@link RejectReason#WRONG_KIND}
 * for another kind's field), as are a field given twice, a root that is not an object and anything after it.
 *
 * <p>Reads with Jackson's streaming parser: no tree, no data binding. Thread-safe and stateless.
 */
public final class ReadingDecoder {

    /** The storage's late window: its rollups and compression are set up for readings this old. */
    public static final Duration DEFAULT_MAX_AGE = LateWindow.ACCEPTED;
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(10);
    public static final int MIN_BATTERY = 0;
    public static final int MAX_BATTERY = 100;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> ANY_KIND_FIELDS = KindRegistry.fieldNames();

    // bits of the fields seen: the common ones, then the kind's own from KIND_FIELD up
    private static final int TS = 1;
    private static final int SEQ = 1 << 1;
    private static final int BATTERY = 1 << 2;
    private static final int KIND_FIELD = 3;

    private final Duration maxAge;
    private final Duration maxAhead;

    /** With the default window: 30 days back, 10 minutes ahead. */
    public ReadingDecoder() {
        this(DEFAULT_MAX_AGE, DEFAULT_MAX_AHEAD);
    }

    public ReadingDecoder(Duration maxAge, Duration maxAhead) {
        this.maxAge = requirePositive(maxAge, "maxAge");
        this.maxAhead = requirePositive(maxAhead, "maxAhead");
    }

    public Reading decode(byte[] payload, Device device, Instant receivedAt) throws RejectedReading {
        return decode(payload, 0, payload.length, device, receivedAt);
    }

    /** Decodes {@code length} bytes of {@code payload} from {@code offset}, sent by {@code device}. */
    public Reading decode(byte[] payload, int offset, int length, Device device, Instant receivedAt)
            throws RejectedReading {
        Fields fields = new Fields(device.kind(), receivedAt);
        try (JsonParser parser = JSON.createParser(payload, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RejectedReading(RejectReason.MALFORMED_JSON, "the payload is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                field(name, parser, fields);
            }
            if (parser.nextToken() != null) {
                throw new RejectedReading(RejectReason.MALFORMED_JSON, "something follows the JSON object");
            }
        } catch (IOException notJson) {
            throw new RejectedReading(RejectReason.MALFORMED_JSON, "not valid JSON");
        }
        fields.requireAll();
        return new Reading(device.id(), device.cellId(), device.kind(), fields.ts, fields.seq,
                Measures.ofSlots(device.kind(), fields.values), fields.battery, receivedAt);
    }

    private void field(String name, JsonParser parser, Fields fields) throws IOException, RejectedReading {
        switch (name) {
            case "ts" -> {
                if (fields.see(TS, name, parser)) {
                    fields.ts = timestamp(parser, fields.receivedAt);
                }
            }
            case "seq" -> {
                if (fields.see(SEQ, name, parser)) {
                    fields.seq = JsonValues.whole(parser, name, 0, Long.MAX_VALUE);
                }
            }
            case "battery" -> {
                if (fields.see(BATTERY, name, parser)) {
                    fields.battery = (int) JsonValues.whole(parser, name, MIN_BATTERY, MAX_BATTERY);
                }
            }
            default -> kindField(name, parser, fields);
        }
    }

    private static void kindField(String name, JsonParser parser, Fields fields) throws IOException, RejectedReading {
        int at = fields.kind.indexOf(name);
        if (at < 0) {
            if (ANY_KIND_FIELDS.contains(name)) {
                throw new RejectedReading(RejectReason.WRONG_KIND, name + " is not a " + fields.kind.id() + " field");
            }
            throw new RejectedReading(RejectReason.UNKNOWN_FIELD, "unknown field " + JsonValues.printable(name));
        }
        if (fields.see(1 << (KIND_FIELD + at), name, parser)) {
            ReadingField field = fields.kind.fields().get(at);
            fields.values[at] = field.isNumber()
                    ? (Object) JsonValues.number(parser, name, field.min(), field.max())
                    : (Object) JsonValues.bool(parser, name);
        }
    }

    private Instant timestamp(JsonParser parser, Instant receivedAt) throws IOException, RejectedReading {
        Instant ts;
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            ts = JsonValues.isoTime(parser.getText(), "ts");
        } else {
            ts = Instant.ofEpochMilli(JsonValues.whole(parser, "ts", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (ts.isBefore(receivedAt.minus(maxAge))) {
            throw new RejectedReading(RejectReason.TOO_OLD, "ts " + ts + " is more than " + maxAge + " old");
        }
        if (ts.isAfter(receivedAt.plus(maxAhead))) {
            throw new RejectedReading(RejectReason.TOO_FAR_AHEAD,
                    "ts " + ts + " is more than " + maxAhead + " ahead of the server clock");
        }
        return ts;
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    /** The fields read so far from one payload. */
    private static final class Fields {
        final SensorKind kind;
        final Instant receivedAt;
        final Object[] values;
        int seen;
        int valued;
        Instant ts;
        long seq;
        Integer battery;

        Fields(SensorKind kind, Instant receivedAt) {
            this.kind = kind;
            this.receivedAt = receivedAt;
            this.values = new Object[kind.fields().size()];
        }

        /** Notes a field, refusing a repeat; false when its value is null (the field then stays unset). */
        boolean see(int bit, String name, JsonParser parser) throws RejectedReading {
            if ((seen & bit) != 0) {
                throw new RejectedReading(RejectReason.DUPLICATE_FIELD, name + " appears twice");
            }
            seen |= bit;
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            valued |= bit;
            return true;
        }

        void requireAll() throws RejectedReading {
            StringJoiner missing = new StringJoiner(", ", "missing ", "");
            missing.setEmptyValue("");
            if ((valued & TS) == 0) {
                missing.add("ts");
            }
            if ((valued & SEQ) == 0) {
                missing.add("seq");
            }
            for (int i = 0; i < kind.fields().size(); i++) {
                if (kind.fields().get(i).required() && (valued & (1 << (KIND_FIELD + i))) == 0) {
                    missing.add(kind.fields().get(i).name());
                }
            }
            if (missing.length() > 0) {
                throw new RejectedReading(RejectReason.MISSING_FIELD, missing.toString());
            }
        }
    }
}
