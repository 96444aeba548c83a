package io.gridwatch.simulator.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 3.1.1 / 5 packets the frame client needs, written and read by hand: CONNECT, QoS 1 PUBLISH, and the
 * fixed header of whatever comes back (CONNACK, PUBACK, DISCONNECT). No library, no allocation per PUBLISH beyond the
 * payload: this is what keeps the load tool's own CPU per message small. Pure; not a general MQTT codec.
 */
final class MqttFrames {

    static final int CONNACK = 2;
    static final int PUBACK = 4;
    static final int DISCONNECT = 14;
    /** MQTT 5 property: the most QoS 1/2 publishes the server takes unacknowledged. */
    private static final int RECEIVE_MAXIMUM = 0x21;

    private MqttFrames() {
    }

    /** CONNECT with a clean start, keep-alive 60 s, and username + password when a password is given. */
    static byte[] connect(int mqttVersion, String clientId, String username, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(mqttVersion == 5 ? 5 : 4);
        int flags = 0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0);
        body.write(flags);
        body.write(0);
        body.write(60);
        if (mqttVersion == 5) {
            body.write(0); // no properties
        }
        string(body, clientId);
        if (username != null) {
            string(body, username);
        }
        if (password != null) {
            string(body, password);
        }
        return packet(0x10, body.toByteArray());
    }

    /** Bytes of a QoS 1 PUBLISH with this topic and payload, written into {@code out}. */
    static void publishQos1(ByteBuffer out, int mqttVersion, byte[] topic, int packetId, byte[] payload) {
        int remaining = 2 + topic.length + 2 + (mqttVersion == 5 ? 1 : 0) + payload.length;
        out.put((byte) 0x32);
        varint(out, remaining);
        out.put((byte) (topic.length >> 8)).put((byte) topic.length).put(topic);
        out.put((byte) (packetId >> 8)).put((byte) packetId);
        if (mqttVersion == 5) {
            out.put((byte) 0);
        }
        out.put(payload);
    }

    /** The most bytes {@link #publishQos1} writes for this topic and payload length. */
    static int publishSize(byte[] topic, int payloadLength) {
        return 1 + 4 + 2 + topic.length + 2 + 1 + payloadLength;
    }

    /**
     * One packet read from {@code in} (positioned at its start): its type and body, or null when it has not fully
     * arrived (the buffer's position is then left where it was).
     */
    static Packet read(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < 2) {
            return null;
        }
        int type = (in.get() & 0xff) >> 4;
        int length = 0;
        int shift = 0;
        while (true) {
            if (!in.hasRemaining()) {
                in.position(start);
                return null;
            }
            int b = in.get() & 0xff;
            length |= (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (in.remaining() < length) {
            in.position(start);
            return null;
        }
        int bodyStart = in.position();
        in.position(bodyStart + length);
        return new Packet(type, bodyStart, length);
    }

    /** A packet's type and where its body lies in the read buffer. */
    record Packet(int type, int bodyStart, int length) {

        int packetId(ByteBuffer in) {
            return ((in.get(bodyStart) & 0xff) << 8) | (in.get(bodyStart + 1) & 0xff);
        }

        /** PUBACK (MQTT 5) or CONNACK reason code; 0 when absent (success). */
        int reasonCode(ByteBuffer in, int offset) {
            return length > offset ? in.get(bodyStart + offset) & 0xff : 0;
        }

        /** The receive maximum a MQTT 5 CONNACK advertises, or 65,535 when it says none. */
        int receiveMaximum(ByteBuffer in) {
            if (length < 3) {
                return 65_535;
            }
            int at = bodyStart + 2;
            int propertiesLength = 0;
            int shift = 0;
            int b;
            do {
                b = in.get(at++) & 0xff;
                propertiesLength |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int end = Math.min(at + propertiesLength, bodyStart + length);
            while (at < end) {
                int id = in.get(at++) & 0xff;
                switch (id) {
                    case RECEIVE_MAXIMUM -> {
                        return ((in.get(at) & 0xff) << 8) | (in.get(at + 1) & 0xff);
                    }
                    case 0x01, 0x24, 0x25, 0x28, 0x29, 0x2A -> at += 1; // byte properties
                    case 0x13, 0x22 -> at += 2; // two-byte integers
                    case 0x11, 0x27 -> at += 4; // four-byte integers
                    default -> { // strings and binary data: a length and the bytes (user properties: two of them)
                        int n = ((in.get(at) & 0xff) << 8) | (in.get(at + 1) & 0xff);
                        at += 2 + n;
                        if (id == 0x26) {
                            at += 2 + (((in.get(at) & 0xff) << 8) | (in.get(at + 1) & 0xff));
                        }
                    }
                }
            }
            return 65_535;
        }
    }

    private static byte[] packet(int header, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(body.length + 5);
        out.put((byte) header);
        varint(out, body.length);
        out.put(body);
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteBuffer out, int value) {
        do {
            int digit = value & 0x7f;
            value >>>= 7;
            out.put((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
    }
}
