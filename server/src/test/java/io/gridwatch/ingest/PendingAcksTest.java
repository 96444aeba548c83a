package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acknowledgements leave in PUBLISH order, whatever order the writes finish in. */
class PendingAcksTest {

    private final PendingAcks pending = new PendingAcks();
    private final List<Integer> sent = new ArrayList<>();

    @Test
    void aWriteFinishingEarlyWaitsForTheOnesBeforeIt() {
        PendingAcks.Entry first = pending.add(1, false, 0);
        PendingAcks.Entry second = pending.add(2, false, 0);
        PendingAcks.Entry third = pending.add(3, true, 0);

        third.stored();
        pending.drain(entry -> sent.add(entry.packetId));
        List<Integer> afterThird = List.copyOf(sent);
        first.stored();
        pending.drain(entry -> sent.add(entry.packetId));
        List<Integer> afterFirst = List.copyOf(sent);
        second.refused(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, "bad");
        pending.drain(entry -> sent.add(entry.packetId));

        assertThat(afterThird).isEmpty();
        assertThat(afterFirst).containsExactly(1);
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aPacketIdIsKnownUntilItsAcknowledgementLeaves() {
        PendingAcks.Entry entry = pending.add(7, false, 0);

        boolean whileWaiting = pending.contains(7);
        entry.stored();
        pending.drain(e -> { });

        assertThat(whileWaiting).isTrue();
        assertThat(pending.contains(7)).isFalse();
    }
}
