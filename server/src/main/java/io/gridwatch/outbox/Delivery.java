package io.gridwatch.outbox;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HTTP POST that delivers a message in its receiver's format. Pure: the time is given.
 *
 * <ul>
 *   <li>json: the body as is; {@code X-Gridwatch-Signature} = lowercase hex of HMAC-SHA256(secret, body bytes) when
 *       the target has a secret; {@code X-Gridwatch-Delivery} = the outbox id (receivers drop repeats by it).</li>
 *   <li>wecom: {@code {"msgtype":"markdown","markdown":{"content":text}}} to the robot URL (its key is in the URL).</li>
 *   <li>dingtalk: {@code {"msgtype":"markdown","markdown":{"title","text"}}}; with a secret, {@code timestamp} and
 *       {@code sign} = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) are added to the URL, as DingTalk's
 *       robot security setting "加签" asks.</li>
 * </ul>
 *
 * @param headers besides {@code content-type: application/json}
 */
record Delivery(String url, Map<String, String> headers, String body) {

    static final String SIGNATURE_HEADER = "X-Gridwatch-Signature";
    static final String DELIVERY_HEADER = "X-Gridwatch-Delivery";

    static Delivery of(OutboxMessage message, long nowMillis) {
        NotifyTarget target = message.target();
        String id = Long.toString(message.id());
        return switch (target.format()) {
            case JSON -> {
                String body = message.body().encode();
                yield new Delivery(target.url(), target.secret() == null ? Map.of(DELIVERY_HEADER, id)
                        : Map.of(DELIVERY_HEADER, id, SIGNATURE_HEADER, HexFormat.of().formatHex(
                                hmac(target.secret(), body))), body);
            }
            case WECOM -> new Delivery(target.url(), Map.of(), new JsonObject().put("msgtype", "markdown")
                    .put("markdown", new JsonObject().put("content", message.text())).encode());
            case DINGTALK -> new Delivery(dingTalkUrl(target, nowMillis), Map.of(), new JsonObject()
                    .put("msgtype", "markdown").put("markdown", new JsonObject().put("title", message.title())
                            .put("text", message.text())).encode());
        };
    }

    /** HMAC-SHA256 of {@code text} (UTF-8) under {@code secret} (UTF-8). */
    static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String dingTalkUrl(NotifyTarget target, long nowMillis) {
        if (target.secret() == null) {
            return target.url();
        }
        String timestamp = Long.toString(nowMillis);
        String sign = Base64.getEncoder().encodeToString(hmac(target.secret(), timestamp + "\n" + target.secret()));
        return target.url() + (target.url().contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }
}
