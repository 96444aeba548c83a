package io.gridwatch.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.error.ClientError;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The three message shapes a receiver gets, and their signatures, computed here independently. */
class DeliveryTest {

    private static final JsonObject BODY = new JsonObject().put("event", "dispatched").put("alert_id", "42");

    @Test
    void jsonIsTheBodyAsIsSignedWithHmacSha256InHexAndCarriesTheDeliveryId() throws Exception {
        Delivery delivery = Delivery.of(message(new NotifyTarget("http://h/hook", NotifyTarget.Format.JSON, "k3y")),
                0);

        assertThat(delivery.body()).isEqualTo(BODY.encode());
        assertThat(delivery.headers()).containsEntry("X-Gridwatch-Delivery", "7")
                .containsEntry("X-Gridwatch-Signature", HexFormat.of().formatHex(hmac("k3y", BODY.encode())));
    }

    @Test
    void jsonWithoutASecretIsNotSigned() {
        Delivery delivery = Delivery.of(message(new NotifyTarget("http://h/hook", NotifyTarget.Format.JSON, null)), 0);

        assertThat(delivery.headers()).doesNotContainKey("X-Gridwatch-Signature");
    }

    @Test
    void weComGetsARobotMarkdownMessage() {
        Delivery delivery = Delivery.of(message(new NotifyTarget("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
                NotifyTarget.Format.WECOM, null)), 0);

        JsonObject sent = new JsonObject(delivery.body());
        assertThat(sent.getString("msgtype")).isEqualTo("markdown");
        assertThat(sent.getJsonObject("markdown").getString("content")).isEqualTo("### 已派发 dispatched");
        assertThat(delivery.url()).endsWith("key=x");
    }

    @Test
    void dingTalkWithASecretSignsTheTimestampInTheUrl() throws Exception {
        Delivery delivery = Delivery.of(message(new NotifyTarget("https://oapi.dingtalk.com/robot/send?access_token=t",
                NotifyTarget.Format.DINGTALK, "SEC123")), 1_700_000_000_000L);

        JsonObject sent = new JsonObject(delivery.body());
        assertThat(sent.getJsonObject("markdown").getString("title")).isEqualTo("已派发");
        String query = delivery.url().substring(delivery.url().indexOf("&timestamp="));
        assertThat(query).startsWith("&timestamp=1700000000000&sign=");
        String sign = URLDecoder.decode(query.substring(query.indexOf("sign=") + 5), StandardCharsets.UTF_8);
        assertThat(sign).isEqualTo(Base64.getEncoder().encodeToString(hmac("SEC123", "1700000000000\nSEC123")));
    }

    @Test
    void aNotifyTargetNeedsAnHttpUrlAKnownFormatAndIsShownWithoutItsSecretOrQuery() {
        NotifyTarget target = NotifyTarget.parse(new JsonObject().put("url", "https://h/x?key=secret")
                .put("format", "wecom").put("secret", "s"), "");

        assertThat(target.toPublicJson().encode()).doesNotContain("secret").contains("\"signed\":true");
        assertThatThrownBy(() -> NotifyTarget.parse(new JsonObject().put("url", "ftp://h/x").put("format", "json"), ""))
                .isInstanceOf(ClientError.class).hasMessageContaining("http");
        assertThatThrownBy(() -> NotifyTarget.parse(new JsonObject().put("url", "http://h/x").put("format", "sms"), ""))
                .isInstanceOf(ClientError.class).hasMessageContaining("wecom, dingtalk or json");
    }

    private static OutboxMessage message(NotifyTarget target) {
        return new OutboxMessage(7, "department:fire|42|" + target.url(), target, BODY, "已派发",
                "### 已派发 dispatched", 0);
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
