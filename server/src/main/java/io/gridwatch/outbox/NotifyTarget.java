package io.gridwatch.outbox;

import io.gridwatch.error.ClientError;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where notifications go and in what shape: {@code {"url","format":"wecom"|"dingtalk"|"json","secret"?}} (a
 * department's, a grid unit's or an API key's {@code notify}). Immutable.
 *
 * @param secret signs the message (json: {@code X-Gridwatch-Signature}; dingtalk: the robot's {@code sign}); null
 *     for none. Kept as given, because signing needs it, and never shown back.
 */
public record NotifyTarget(String url, Format format, String secret) {

    /** The message shapes a receiver understands. */
    public enum Format {
        /** WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content"}}}. */
        WECOM,
        /** DingTalk (钉钉) group robot: {@code {"msgtype":"markdown","markdown":{"title","text"}}}, signed when a secret is set. */
        DINGTALK,
        /** The event as JSON, signed with HMAC-SHA256 of the body in {@code X-Gridwatch-Signature} when a secret is set. */
        JSON;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Format> fromId(String id) {
            for (Format format : values()) {
                if (format.id().equals(id)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }
    }

    private static final Set<String> FIELDS = Set.of("url", "format", "secret");
    private static final int MAX_URL = 2_000;
    private static final int MAX_SECRET = 200;

    /**
     * @param where names the item in error messages
     * @throws ClientError 400 naming what is wrong
     */
    public static NotifyTarget parse(Object value, String where) {
        if (!(value instanceof JsonObject json)) {
            throw ClientError.badRequest(where + "notify must be an object {\"url\",\"format\",\"secret\"?}");
        }
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw ClientError.badRequest(where + "unknown field \"notify." + field + "\"");
            }
        }
        if (!(json.getValue("url") instanceof String url) || !isHttpUrl(url) || url.length() > MAX_URL) {
            throw ClientError.badRequest(where + "notify.url must be an absolute http or https URL");
        }
        String formatId = json.getValue("format") instanceof String f ? f : "";
        Format format = Format.fromId(formatId).orElseThrow(() -> ClientError.badRequest(where
                + "notify.format must be wecom, dingtalk or json, got \"" + formatId + "\""));
        Object secret = json.getValue("secret");
        if (secret != null && (!(secret instanceof String s) || s.isEmpty() || s.length() > MAX_SECRET)) {
            throw ClientError.badRequest(where + "notify.secret must be 1 to " + MAX_SECRET + " characters");
        }
        return new NotifyTarget(url, format, (String) secret);
    }

    /** What may be shown: the format, the URL without its query (robot URLs carry their key there), whether signed. */
    public JsonObject toPublicJson() {
        return new JsonObject().put("url", withoutQuery(url)).put("format", format.id()).put("signed", secret != null);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
