package io.gridwatch.simulator.storm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ConnectPacketTest {

    @Test
    void aConnectCarriesTheMqtt311HeaderKeepAliveClientIdUserNameAndPassword() {
        ByteBuf packet = ConnectPacket.connect(ByteBufAllocator.DEFAULT, "c", "d", "t", 60);
        try {
            // fixed header, remaining length 19; "MQTT" level 4, flags user+password+clean, keep-alive 60; c, d, t
            assertThat(ByteBufUtil.hexDump(packet))
                    .isEqualTo("1013" + "00044d515454" + "04" + "c2" + "003c" + "000163" + "000164" + "000174");
        } finally {
            packet.release();
        }
    }

    @Test
    void aLongConnectHasATwoByteRemainingLength() {
        ByteBuf packet = ConnectPacket.connect(ByteBufAllocator.DEFAULT, "c".repeat(200), "d", "t", 60);
        try {
            assertThat(packet.getUnsignedByte(1) & 0x80).isEqualTo(0x80);
            int remaining = (packet.getUnsignedByte(1) & 0x7F) + 128 * packet.getUnsignedByte(2);
            assertThat(remaining).isEqualTo(packet.readableBytes() - 3);
        } finally {
            packet.release();
        }
    }

    @Test
    void theConnackReturnCodeIsReadAndAnythingElseIsNotAConnack() {
        assertThat(ConnectPacket.connackCode(Unpooled.wrappedBuffer(new byte[] {0x20, 0x02, 0x00, 0x00}))).isZero();
        assertThat(ConnectPacket.connackCode(Unpooled.wrappedBuffer(new byte[] {0x20, 0x02, 0x00, 0x05}))).isEqualTo(5);
        assertThat(ConnectPacket.connackCode(Unpooled.wrappedBuffer(new byte[] {(byte) 0xD0, 0x00}))).isEqualTo(-1);
    }
}
