package io.gridwatch.simulator.storm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets of the connection storm, written by hand: CONNECT (clean session, user name and password) and
 * PINGREQ, and the CONNACK's return code. Stateless.
 */
final class ConnectPacket {

    static final byte[] PINGREQ = {(byte) 0xC0, 0x00};
    private static final byte CONNECT = 0x10;
    private static final byte CONNACK = 0x20;
    private static final int FLAGS = 0x80 | 0x40 | 0x02; // user name, password, clean session

    private ConnectPacket() {
    }

    /** A CONNECT with {@code clientId}, user name = device id, password = token (absent when null). */
    static ByteBuf connect(ByteBufAllocator alloc, String clientId, String deviceId, String token, int keepAliveS) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] user = deviceId.getBytes(StandardCharsets.UTF_8);
        byte[] password = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        int flags = token == null ? 0x02 : FLAGS;
        int remaining = 10 + 2 + id.length + (token == null ? 0 : 2 + user.length + 2 + password.length);
        ByteBuf out = alloc.buffer(5 + remaining);
        out.writeByte(CONNECT);
        writeLength(out, remaining);
        out.writeShort(4).writeBytes("MQTT".getBytes(StandardCharsets.US_ASCII)).writeByte(4).writeByte(flags)
                .writeShort(keepAliveS);
        out.writeShort(id.length).writeBytes(id);
        if (token != null) {
            out.writeShort(user.length).writeBytes(user);
            out.writeShort(password.length).writeBytes(password);
        }
        return out;
    }

    /** The return code of a CONNACK at the start of {@code in} (0 accepted), or -1 when it is not a CONNACK. */
    static int connackCode(ByteBuf in) {
        if (in.readableBytes() < 4 || in.getByte(in.readerIndex()) != CONNACK) {
            return -1;
        }
        return in.getUnsignedByte(in.readerIndex() + 3);
    }

    private static void writeLength(ByteBuf out, int length) {
        int rest = length;
        do {
            int digit = rest % 128;
            rest /= 128;
            out.writeByte(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }
}
