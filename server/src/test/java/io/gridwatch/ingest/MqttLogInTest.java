package io.gridwatch.ingest;

import static io.gridwatch.ingest.IngestHarness.bytes;
import static io.gridwatch.ingest.IngestHarness.eventually;
import static io.gridwatch.ingest.IngestHarness.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.gridwatch.model.KindRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Log-in over MQTT 3.1.1 and 5: device id and token, the CONNACK codes, one session per device. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MqttLogInTest {

    private IngestHarness harness;
    private String token;

    @BeforeEach
    void startTheEndpoint(Vertx vertx) {
        harness = IngestHarness.start(vertx);
        token = harness.smokeDetector("smoke-1");
    }

    @AfterEach
    void stopTheEndpoint() {
        harness.close();
    }

    @Test
    void aDeviceWithItsTokenIsAcceptedOnMqtt3AndOnMqtt5() {
        Mqtt5AsyncClient mqtt5 = harness.mqtt5("five", new AtomicReference<>());
        Mqtt3AsyncClient mqtt3 = harness.mqtt3("three", new AtomicReference<>());
        String gaugeToken = harness.directory.register("gauge-1", KindRegistry.WATER_LEVEL);

        Mqtt5ConnAck five = join(mqtt5.connectWith().simpleAuth().username("smoke-1").password(bytes(token))
                .applySimpleAuth().send());
        var three = join(mqtt3.connectWith().simpleAuth().username("gauge-1").password(bytes(gaugeToken))
                .applySimpleAuth().send());

        assertThat(five.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(three.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        assertThat(harness.metrics.scrape()).contains("gridwatch_mqtt_connected_devices 2");
    }

    @Test
    void aWrongTokenIsRefusedWithBadUserNameOrPasswordOnMqtt5() {
        Mqtt5AsyncClient client = harness.mqtt5("five", new AtomicReference<>());

        Mqtt5ConnAckException refusal = catchThrowableOfType(Mqtt5ConnAckException.class, () -> join(client
                .connectWith().simpleAuth().username("smoke-1").password(bytes(token + "x")).applySimpleAuth().send()));

        assertThat(refusal.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(harness.rejects(RejectReason.BAD_TOKEN)).isEqualTo(1);
    }

    @Test
    void aWrongTokenIsRefusedWithBadUserNameOrPasswordOnMqtt3() {
        Mqtt3AsyncClient client = harness.mqtt3("three", new AtomicReference<>());

        Mqtt3ConnAckException refusal = catchThrowableOfType(Mqtt3ConnAckException.class, () -> join(client
                .connectWith().simpleAuth().username("smoke-1").password(bytes("guess")).applySimpleAuth().send()));

        assertThat(refusal.getMqttMessage().getReturnCode())
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(harness.rejects(RejectReason.BAD_TOKEN)).isEqualTo(1);
    }

    @Test
    void anUnknownDeviceGetsTheSameAnswerAsAWrongToken() {
        Mqtt5AsyncClient five = harness.mqtt5("five", new AtomicReference<>());
        Mqtt3AsyncClient three = harness.mqtt3("three", new AtomicReference<>());

        Mqtt5ConnAckException refused5 = catchThrowableOfType(Mqtt5ConnAckException.class, () -> join(five
                .connectWith().simpleAuth().username("smoke-404").password(bytes(token)).applySimpleAuth().send()));
        Mqtt3ConnAckException refused3 = catchThrowableOfType(Mqtt3ConnAckException.class, () -> join(three
                .connectWith().simpleAuth().username("smoke-404").password(bytes(token)).applySimpleAuth().send()));

        assertThat(refused5.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refused3.getMqttMessage().getReturnCode())
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(harness.rejects(RejectReason.UNKNOWN_DEVICE)).isEqualTo(2);
    }

    @Test
    void aLogInWithoutPasswordIsRefused() {
        Mqtt5AsyncClient client = harness.mqtt5("five", new AtomicReference<>());

        Mqtt5ConnAckException refusal = catchThrowableOfType(Mqtt5ConnAckException.class,
                () -> join(client.connectWith().simpleAuth().username("smoke-1").applySimpleAuth().send()));

        assertThat(refusal.getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(harness.rejects(RejectReason.MISSING_CREDENTIALS)).isEqualTo(1);
    }

    @Test
    void theMqtt5ConnackAdvertisesTheLimitsAndAssignsAClientIdWhenTheDeviceSentNone() {
        Mqtt5AsyncClient client = harness.mqtt5("", new AtomicReference<>());

        Mqtt5ConnAck connAck = join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token))
                .applySimpleAuth().send());

        Mqtt5ConnAckRestrictions restrictions = connAck.getRestrictions();
        assertThat(restrictions.getReceiveMaximum()).isEqualTo(64);
        assertThat(restrictions.getMaximumPacketSize()).isEqualTo(8192);
        assertThat(restrictions.getTopicAliasMaximum()).isZero();
        assertThat(restrictions.isRetainAvailable()).isFalse();
        assertThat(restrictions.isWildcardSubscriptionAvailable()).isFalse();
        assertThat(restrictions.isSharedSubscriptionAvailable()).isFalse();
        assertThat(connAck.getAssignedClientIdentifier()).hasValueSatisfying(id ->
                assertThat(id.toString()).startsWith("gw-"));
    }

    @Test
    void aSecondLogInOfTheSameDeviceTakesTheFirstConnectionOver() {
        AtomicReference<Throwable> firstGone = new AtomicReference<>();
        Mqtt5AsyncClient first = harness.mqtt5("first", firstGone);
        join(first.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());

        Mqtt5AsyncClient second = harness.mqtt5("second", new AtomicReference<>());
        join(second.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());

        eventually("the first connection is closed", () -> firstGone.get() != null);
        assertThat(firstGone.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, disconnect ->
                assertThat(disconnect.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
        assertThat(IngestHarness.errorOf(IngestHarness.publish(second, "devices/smoke-1/readings",
                MqttQos.AT_LEAST_ONCE, Payloads.smoke(1)))).isNull();
        assertThat(harness.metrics.scrape()).contains("gridwatch_mqtt_connected_devices 1");
    }

    @Test
    void takeoversAreLoggedAtInfoOnceAMinuteNotOnceEach() {
        // given: the connector's log captured; two devices connected
        Logger logger = (Logger) LoggerFactory.getLogger(Connector.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            String otherToken = harness.smokeDetector("smoke-2");
            harness.connected5("smoke-1", token);
            harness.connected5("smoke-2", otherToken);

            // when: both log in again (a reconnect storm in small), each taking its older connection over
            harness.connected5("smoke-1", token);
            harness.connected5("smoke-2", otherToken);

            // then: the first takeover at info, the second at debug only; both connections of each were taken over
            List<ILoggingEvent> takeovers = log.list.stream()
                    .filter(event -> event.getFormattedMessage().startsWith("device logged in again")).toList();
            assertThat(takeovers).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.DEBUG);
            assertThat(takeovers.get(1).getFormattedMessage()).contains("smoke-2");
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }

    @Test
    void aDeviceThatReconnectsWithinAMinuteIsCheckedWithoutAskingTheDirectory() {
        Mqtt5AsyncClient client = harness.connected5("smoke-1", token);
        join(client.disconnect());

        join(client.connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send());
        join(client.disconnect());
        Mqtt5AsyncClient wrong = harness.mqtt5("wrong", new AtomicReference<>());
        catchThrowableOfType(Mqtt5ConnAckException.class, () -> join(wrong.connectWith().simpleAuth()
                .username("smoke-1").password(bytes("not-the-token")).applySimpleAuth().send()));

        assertThat(harness.directory.lookups()).isEqualTo(2);
        assertThat(harness.counter("gridwatch_mqtt_connections_total")).isEqualTo(2);
    }

    @Test
    void anUnavailableDirectoryRefusesWithServerUnavailable() {
        harness.directory.goDown();
        Mqtt5AsyncClient five = harness.mqtt5("five", new AtomicReference<>());
        Mqtt3AsyncClient three = harness.mqtt3("three", new AtomicReference<>());

        Mqtt5ConnAckException refused5 = catchThrowableOfType(Mqtt5ConnAckException.class, () -> join(five
                .connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send()));
        Mqtt3ConnAckException refused3 = catchThrowableOfType(Mqtt3ConnAckException.class, () -> join(three
                .connectWith().simpleAuth().username("smoke-1").password(bytes(token)).applySimpleAuth().send()));

        assertThat(refused5.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        assertThat(refused3.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE);
        assertThat(harness.rejects(RejectReason.DIRECTORY_UNAVAILABLE)).isEqualTo(2);
    }
}
