package io.gridwatch.simulator.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One device's socket for the frame client: QoS 1 PUBLISHes written into one buffer and sent in as few writes as
 * the socket takes, PUBACKs parsed from the bytes that come back. Acknowledgements come in PUBLISH order
 * (MQTT-4.6.0-2), so the send times wait in a ring in that order; an acknowledgement out of order is looked up.
 *
 * <p>Not thread-safe: the frame client's one thread owns every connection.
 */
final class FrameConnection {

    private final DeviceCredentials device;
    private final int mqttVersion;
    private final byte[] topic;
    private final LoadCounters counters;
    private SocketChannel channel;
    private ByteBuffer out;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    private int window;
    private long[] sentAt;
    private int[] ids;
    private int head;
    private int inflight;
    private int nextId = 1;
    private long seq;
    private long lastTs = Long.MIN_VALUE;
    private boolean failed;

    FrameConnection(DeviceCredentials device, int mqttVersion, int window, LoadCounters counters) {
        this.device = device;
        this.mqttVersion = mqttVersion;
        this.topic = ("devices/" + device.id() + "/readings").getBytes(StandardCharsets.UTF_8);
        this.window = window;
        this.counters = counters;
    }

    /**
     * Connects, logs in and waits for the CONNACK (blocking); afterwards the channel is non-blocking. An MQTT 5
     * server's receive maximum lowers the window.
     */
    void connect(HostPort broker) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(broker.host(), broker.port()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.write(ByteBuffer.wrap(MqttFrames.connect(mqttVersion, device.id(),
                device.token() == null ? null : device.id(), device.token())));
        MqttFrames.Packet connack;
        while ((connack = MqttFrames.read(in.flip())) == null) {
            in.compact();
            if (channel.read(in) < 0) {
                throw new IOException("connection closed before CONNACK");
            }
        }
        int code = connack.reasonCode(in, 1);
        if (connack.type() != MqttFrames.CONNACK || code != 0) {
            throw new IOException("CONNECT refused: packet type " + connack.type() + ", code 0x"
                    + Integer.toHexString(code));
        }
        if (mqttVersion == 5) {
            window = Math.min(window, connack.receiveMaximum(in));
        }
        in.compact();
        channel.configureBlocking(false);
        sentAt = new long[window];
        ids = new int[window];
        byte[] sample = ReadingPayload.smoke(System.currentTimeMillis(), Long.MAX_VALUE);
        out = ByteBuffer.allocateDirect(window * MqttFrames.publishSize(topic, sample.length + 4));
    }

    SocketChannel channel() {
        return channel;
    }

    int window() {
        return window;
    }

    int inflight() {
        return inflight;
    }

    boolean canPublish() {
        return !failed && inflight < window;
    }

    /**
     * Puts the next reading's PUBLISH into the send buffer ({@link #flush} sends it). Its ts is the clock (never
     * backwards), its seq new: readings are told apart by (device, ts, seq), so a device sending faster than one a
     * millisecond needs no ts from the future (which the server refuses beyond its clock-skew allowance).
     */
    void publish(long nowMillis) {
        lastTs = Math.max(nowMillis, lastTs);
        byte[] payload = ReadingPayload.smoke(lastTs, seq++);
        int id = nextId;
        nextId = nextId == 65_535 ? 1 : nextId + 1;
        MqttFrames.publishQos1(out, mqttVersion, topic, id, payload);
        int slot = (head + inflight) % window;
        sentAt[slot] = System.nanoTime();
        ids[slot] = id;
        inflight++;
        counters.countSent();
    }

    /** Writes what the socket takes now; true when bytes are still waiting (the caller then watches for OP_WRITE). */
    boolean flush() throws IOException {
        out.flip();
        try {
            channel.write(out);
            return out.hasRemaining();
        } finally {
            out.compact();
        }
    }

    boolean hasUnsent() {
        return out.position() > 0;
    }

    /** Reads what arrived and counts its PUBACKs; false when the server closed or disconnected us. */
    boolean read() throws IOException {
        if (channel.read(in) < 0) {
            return false;
        }
        in.flip();
        MqttFrames.Packet packet;
        boolean open = true;
        long now = System.nanoTime();
        while ((packet = MqttFrames.read(in)) != null) {
            if (packet.type() == MqttFrames.PUBACK) {
                acknowledged(packet.packetId(in), packet.reasonCode(in, 2), now);
            } else if (packet.type() == MqttFrames.DISCONNECT) {
                open = false;
            }
        }
        in.compact();
        return open;
    }

    private void acknowledged(int id, int reasonCode, long now) {
        if (inflight == 0) {
            return;
        }
        int found = 0;
        while (found < inflight && ids[(head + found) % window] != id) {
            found++;
        }
        if (found == inflight) {
            return; // not ours (cannot happen with a conforming server)
        }
        int slot = (head + found) % window;
        long sent = sentAt[slot];
        if (found != 0) { // out of order: move the head's entry into the freed slot
            sentAt[slot] = sentAt[head];
            ids[slot] = ids[head];
        }
        head = (head + 1) % window;
        inflight--;
        if (reasonCode >= 0x80) {
            counters.failed(new IOException("PUBACK reason code 0x" + Integer.toHexString(reasonCode)));
        } else {
            counters.acked(sent, now);
        }
    }

    /** The connection broke: what it had in flight is lost, and it sends no more. */
    void fail(Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        for (; inflight > 0; inflight--) {
            counters.failed(cause);
        }
        close();
    }

    /** DISCONNECT, then close. */
    void disconnect() {
        if (!failed && channel != null && channel.isOpen()) {
            try {
                channel.configureBlocking(true);
                channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xE0, 0}));
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
        close();
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
