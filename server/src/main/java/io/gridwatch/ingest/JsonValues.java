package io.gridwatch.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the current value of a Jackson parser as the type a reading field needs, or refuses it with a
 * {@link RejectedReading} whose message names the field and echoes at most a few characters of the value. Pure.
 */
final class JsonValues {

    private static final double LARGEST_EXACT_WHOLE = 9.007199254740992E15;
    private static final int MAX_TIME_TEXT = 64;

    private JsonValues() {
    }

    /** An ISO-8601 date-time with zone offset. */
    static Instant isoTime(String text, String name) throws RejectedReading {
        if (text.length() <= MAX_TIME_TEXT) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notIso) {
                // refused below
            }
        }
        throw new RejectedReading(RejectReason.BAD_TYPE,
                name + " is neither epoch milliseconds nor ISO-8601 with offset");
    }

    /** A whole number in [min, max], written as an integer or as a number with no fraction. */
    static long whole(JsonParser parser, String name, long min, long max) throws IOException, RejectedReading {
        long value;
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw outOfRange(name, parser.getText(), min, max);
            }
            value = parser.getLongValue();
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double number = parser.getDoubleValue();
            if (Double.isFinite(number) && Math.abs(number) > LARGEST_EXACT_WHOLE) {
                throw outOfRange(name, parser.getText(), min, max);
            }
            if (!Double.isFinite(number) || number != Math.rint(number)) {
                throw new RejectedReading(RejectReason.BAD_TYPE, name + " must be a whole number");
            }
            value = (long) number;
        } else {
            throw badType(name, "a whole number", token);
        }
        if (value < min || value > max) {
            throw outOfRange(name, Long.toString(value), min, max);
        }
        return value;
    }

    /** A number in [min, max]. */
    static double number(JsonParser parser, String name, double min, double max)
            throws IOException, RejectedReading {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw badType(name, "a number", token);
        }
        double value = parser.getDoubleValue();
        if (!(value >= min && value <= max)) {
            throw new RejectedReading(RejectReason.OUT_OF_RANGE,
                    name + " " + shorten(parser.getText()) + " is outside " + plain(min) + ".." + plain(max));
        }
        return value;
    }

    /** {@code true} or {@code false}. */
    static boolean bool(JsonParser parser, String name) throws RejectedReading {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw badType(name, "true or false", token);
    }

    static RejectedReading badType(String name, String expected, JsonToken found) {
        return new RejectedReading(RejectReason.BAD_TYPE, name + " must be " + expected + ", not " + kindOf(found));
    }

    static RejectedReading outOfRange(String name, String value, long min, long max) {
        String range = min == Long.MIN_VALUE ? " is out of range" : " is outside " + min + ".." + max;
        return new RejectedReading(RejectReason.OUT_OF_RANGE, name + " " + shorten(value) + range);
    }

    static String kindOf(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "null";
        };
    }

    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "...";
    }

    /** A device-chosen name made safe for a log line: quoted, at most 32 characters, no control characters. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length() && i < 32; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? '?' : c);
        }
        return out.append(name.length() > 32 ? "...\"" : "\"").toString();
    }
}
