package io.gridwatch.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT spoken by hand over a Vert.x TCP socket, for what a well-behaved client library will not do: pipeline many
 * packets in one TCP write, use topic aliases or retain against the CONNACK, send garbage. Builds 3.1.1 and 5
 * packets and splits what the server answers into packets.
 */
final class RawMqtt implements AutoCloseable {

    /** One packet: its type (the high nibble of the first byte) and what follows the fixed header. */
    record Packet(int type, byte[] body) {
        static final int CONNACK = 2;
        static final int PUBACK = 4;
        static final int PUBREC = 5;
        static final int PUBCOMP = 7;
        static final int DISCONNECT = 14;

        int packetId() {
            return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        }
    }

    private final NetClient client;
    private final NetSocket socket;
    private final Buffer received = Buffer.buffer();
    private volatile boolean closed;

    private RawMqtt(NetClient client, NetSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.handler(data -> {
            synchronized (received) {
                received.appendBuffer(data);
            }
        });
        socket.closeHandler(v -> closed = true);
    }

    /** Keeps its client referenced: Vert.x closes an unreachable NetClient, and its connections, when collected. */
    static RawMqtt connect(Vertx vertx, int port) {
        NetClient client = vertx.createNetClient();
        return new RawMqtt(client, client.connect(port, "127.0.0.1").await());
    }

    /** Writes without waiting: the server may rightly close the connection before the write is confirmed. */
    void send(Buffer bytes) {
        socket.write(bytes);
    }

    boolean isClosed() {
        return closed;
    }

    /** The packets received so far (a packet still arriving is left out). */
    List<Packet> packets() {
        byte[] bytes;
        synchronized (received) {
            bytes = received.getBytes();
        }
        List<Packet> packets = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int type = (bytes[at] & 0xff) >> 4;
            int length = 0;
            int shift = 0;
            int i = at + 1;
            while (i < bytes.length) {
                int digit = bytes[i++] & 0xff;
                length |= (digit & 0x7f) << shift;
                shift += 7;
                if ((digit & 0x80) == 0) {
                    break;
                }
            }
            if (i + length > bytes.length) {
                break;
            }
            byte[] body = new byte[length];
            System.arraycopy(bytes, i, body, 0, length);
            packets.add(new Packet(type, body));
            at = i + length;
        }
        return packets;
    }

    long count(int type) {
        return packets().stream().filter(p -> p.type() == type).count();
    }

    @Override
    public void close() {
        client.close();
    }

    /** A CONNECT with user name and password and a clean session; {@code version} 4 (3.1.1) or 5. */
    static Buffer connectPacket(int version, String clientId, String username, String password) {
        Buffer variable = Buffer.buffer()
                .appendBuffer(string("MQTT"))
                .appendByte((byte) version)
                .appendByte((byte) 0xC2)
                .appendShort((short) 60);
        if (version == 5) {
            variable.appendByte((byte) 0); // no properties
        }
        Buffer payload = string(clientId).appendBuffer(string(username)).appendBuffer(string(password));
        return packet(0x10, variable.appendBuffer(payload));
    }

    /** A PUBLISH; MQTT 5 packets carry {@code properties} (already encoded, without their length). */
    static Buffer publishPacket(int version, String topic, int qos, boolean retain, int packetId, byte[] properties,
            byte[] payload) {
        Buffer variable = string(topic);
        if (qos > 0) {
            variable.appendShort((short) packetId);
        }
        if (version == 5) {
            variable.appendBuffer(varInt(properties.length)).appendBytes(properties);
        }
        return packet(0x30 | (qos << 1) | (retain ? 1 : 0), variable.appendBytes(payload));
    }

    /** A PUBREL of MQTT 3.1.1 (or MQTT 5 with success and no properties). */
    static Buffer pubrelPacket(int packetId) {
        return packet(0x62, Buffer.buffer().appendShort((short) packetId));
    }

    /** The properties of a PUBLISH that uses topic alias {@code alias}. */
    static byte[] topicAlias(int alias) {
        return new byte[] {0x23, (byte) (alias >> 8), (byte) alias};
    }

    private static Buffer packet(int firstByte, Buffer rest) {
        return Buffer.buffer().appendByte((byte) firstByte).appendBuffer(varInt(rest.length())).appendBuffer(rest);
    }

    private static Buffer string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer().appendShort((short) bytes.length).appendBytes(bytes);
    }

    private static Buffer varInt(int value) {
        Buffer out = Buffer.buffer();
        do {
            int digit = value & 0x7f;
            value >>>= 7;
            out.appendByte((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
        return out;
    }
}
