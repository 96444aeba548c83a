package io.gridwatch.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.gridwatch.error.ClientError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.io.IOException;

/**
 * Decodes a request body as JSON, refusing what a lenient decoder lets through: a key given twice
 * (which would silently keep the last), and any key or string value that {@link InputText} refuses
 * (NUL, lone surrogates, over-long text). One streaming pass checks, then Vert.x decodes as
 * everywhere else, so values keep the types the routes expect. Thread-safe.
 */
final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StrictJson() {
    }

    /**
     * @return a JsonObject, JsonArray, or a scalar
     * @throws ClientError 400 {@code bad_json} for invalid JSON, 400 naming the field for a duplicate key or bad text
     */
    static Object decode(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    InputText.check("a key", parser.currentName());
                } else if (token == JsonToken.VALUE_STRING) {
                    InputText.check(where(parser), parser.getText());
                }
            }
        } catch (JsonParseException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
                throw ClientError.badRequest("\"" + e.getProcessor().getParsingContext().getCurrentName()
                        + "\" appears twice in one object");
            }
            throw new ClientError(400, "bad_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw new ClientError(400, "bad_json", "the body is not valid JSON");
        }
        try {
            return Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new ClientError(400, "bad_json", "the body is not valid JSON");
        }
    }

    /** The field as a path: {@code name}, {@code 3.phone}, {@code thresholds.warn}; {@code the body} at the top. */
    private static String where(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "the body" : "\"" + pointer.substring(1).replace('/', '.') + "\"";
    }
}
