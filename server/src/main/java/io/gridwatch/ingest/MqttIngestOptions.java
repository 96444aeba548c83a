package io.gridwatch.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the MQTT endpoint listens and what it tolerates. Immutable; {@link #defaults()} gives the documented
 * defaults and the {@code with...} methods change one setting.
 *
 * @param host the interface to bind, {@code 0.0.0.0} by default
 * @param port the TCP port, 1883 by default; 0 picks any free port ({@link MqttIngestServer#actualPort()})
 * @param connectTimeout how long a new connection may take to send CONNECT (5 s)
 * @param maxPacketSize the largest packet accepted, in bytes (8 KiB); advertised as MQTT 5 maximum packet size,
 *     a larger packet closes the connection
 * @param receiveMaximum unacknowledged QoS 1/2 publishes an MQTT 5 client may have outstanding (64), advertised in
 *     CONNACK; a client that sends more is disconnected
 * @param mqtt3InflightLimit the same bound for MQTT 3.1.1 clients (1024), which cannot be told a limit: real
 *     devices keep a few messages in flight, a client above this is disconnected
 * @param qos0Limit the per-device rate of QoS 0 publishes (50/s, burst 100, disconnect after 1000 excess)
 * @param authCacheTtl how long a successful log-in is remembered (60 s), so that reconnect storms are cheap; a
 *     revoked or re-issued token takes up to this long to take effect on new connections
 * @param maxSessionExpiry how long a persistent session (clean session 0 / session expiry &gt; 0) is kept after
 *     its connection closed (1 h), in memory
 * @param shutdownGrace how long {@code stop()} waits for in-flight writes before closing connections (10 s)
 * @param maxReadingAge the oldest {@code ts} accepted, relative to the server clock (30 days)
 * @param maxClockAhead how far {@code ts} may be ahead of the server clock (10 min)
 * @param tls certificate and key for MQTT over TLS, null for plain TCP
 */
public record MqttIngestOptions(String host, int port, Duration connectTimeout, int maxPacketSize,
        int receiveMaximum, int mqtt3InflightLimit, RateLimit qos0Limit, Duration authCacheTtl,
        Duration maxSessionExpiry, Duration shutdownGrace, Duration maxReadingAge, Duration maxClockAhead,
        Tls tls) {

    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;

    public MqttIngestOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mqtt port must be 0..65535: " + port);
        }
        requireAtLeast(connectTimeout, Duration.ofSeconds(1), "connect timeout");
        if (maxPacketSize < 256 || maxPacketSize > 268_435_455) {
            throw new IllegalArgumentException("mqtt max packet size must be 256..268435455 bytes: " + maxPacketSize);
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("mqtt receive maximum must be 1..65535: " + receiveMaximum);
        }
        if (mqtt3InflightLimit < 1 || mqtt3InflightLimit > 65535) {
            throw new IllegalArgumentException("mqtt 3.1.1 in-flight limit must be 1..65535: " + mqtt3InflightLimit);
        }
        Objects.requireNonNull(qos0Limit, "qos0Limit");
        requireAtLeast(authCacheTtl, Duration.ZERO, "auth cache ttl");
        requireAtLeast(maxSessionExpiry, Duration.ZERO, "max session expiry");
        requireAtLeast(shutdownGrace, Duration.ZERO, "shutdown grace");
        requireAtLeast(maxReadingAge, Duration.ofSeconds(1), "max reading age");
        requireAtLeast(maxClockAhead, Duration.ofSeconds(1), "max clock ahead");
    }

    public static MqttIngestOptions defaults() {
        return new MqttIngestOptions("0.0.0.0", DEFAULT_PORT, Duration.ofSeconds(5), 8192, 64, 1024,
                new RateLimit(50, 100, 1000), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(10),
                ReadingDecoder.DEFAULT_MAX_AGE, ReadingDecoder.DEFAULT_MAX_AHEAD, null);
    }

    public MqttIngestOptions withHost(String value) {
        return copy(s -> s.host = value);
    }

    public MqttIngestOptions withPort(int value) {
        return copy(s -> s.port = value);
    }

    public MqttIngestOptions withConnectTimeout(Duration value) {
        return copy(s -> s.connectTimeout = value);
    }

    public MqttIngestOptions withMaxPacketSize(int value) {
        return copy(s -> s.maxPacketSize = value);
    }

    public MqttIngestOptions withReceiveMaximum(int value) {
        return copy(s -> s.receiveMaximum = value);
    }

    public MqttIngestOptions withMqtt3InflightLimit(int value) {
        return copy(s -> s.mqtt3InflightLimit = value);
    }

    public MqttIngestOptions withQos0Limit(RateLimit value) {
        return copy(s -> s.qos0Limit = value);
    }

    public MqttIngestOptions withAuthCacheTtl(Duration value) {
        return copy(s -> s.authCacheTtl = value);
    }

    public MqttIngestOptions withMaxSessionExpiry(Duration value) {
        return copy(s -> s.maxSessionExpiry = value);
    }

    public MqttIngestOptions withShutdownGrace(Duration value) {
        return copy(s -> s.shutdownGrace = value);
    }

    public MqttIngestOptions withReadingWindow(Duration maxAge, Duration maxAhead) {
        return copy(s -> {
            s.maxReadingAge = maxAge;
            s.maxClockAhead = maxAhead;
        });
    }

    public MqttIngestOptions withTls(Tls value) {
        return copy(s -> s.tls = value);
    }

    /** A copy with {@code change} applied to its settings, checked again by the canonical constructor. */
    private MqttIngestOptions copy(Consumer<Settings> change) {
        Settings settings = new Settings();
        change.accept(settings);
        return settings.options();
    }

    /** This record's settings, open to one {@code with...} call: the one place that lists every component. */
    private final class Settings {
        String host = MqttIngestOptions.this.host;
        int port = MqttIngestOptions.this.port;
        Duration connectTimeout = MqttIngestOptions.this.connectTimeout;
        int maxPacketSize = MqttIngestOptions.this.maxPacketSize;
        int receiveMaximum = MqttIngestOptions.this.receiveMaximum;
        int mqtt3InflightLimit = MqttIngestOptions.this.mqtt3InflightLimit;
        RateLimit qos0Limit = MqttIngestOptions.this.qos0Limit;
        Duration authCacheTtl = MqttIngestOptions.this.authCacheTtl;
        Duration maxSessionExpiry = MqttIngestOptions.this.maxSessionExpiry;
        Duration shutdownGrace = MqttIngestOptions.this.shutdownGrace;
        Duration maxReadingAge = MqttIngestOptions.this.maxReadingAge;
        Duration maxClockAhead = MqttIngestOptions.this.maxClockAhead;
        Tls tls = MqttIngestOptions.this.tls;

        MqttIngestOptions options() {
            return new MqttIngestOptions(host, port, connectTimeout, maxPacketSize, receiveMaximum, mqtt3InflightLimit,
                    qos0Limit, authCacheTtl, maxSessionExpiry, shutdownGrace, maxReadingAge, maxClockAhead, tls);
        }
    }

    private static void requireAtLeast(Duration value, Duration least, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + least + ": " + value);
        }
    }

    /**
     * A token bucket for QoS 0 publishes of one device: {@code perSecond} sustained, {@code burst} at once. Excess
     * messages are dropped; a device whose drops outrun the refill by more than {@code dropsBeforeDisconnect} is
     * disconnected (so a device slightly over its rate is only throttled, a flood is cut off within seconds).
     */
    public record RateLimit(double perSecond, int burst, int dropsBeforeDisconnect) {
        public RateLimit {
            if (!(perSecond > 0) || burst < 1 || dropsBeforeDisconnect < 0) {
                throw new IllegalArgumentException("qos 0 rate limit needs a positive rate and burst: " + perSecond
                        + "/s, burst " + burst + ", drops before disconnect " + dropsBeforeDisconnect);
            }
        }
    }

    /** A PEM certificate chain and its PEM private key, read when the endpoint starts. */
    public record Tls(Path certPath, Path keyPath) {
        public Tls {
            Objects.requireNonNull(certPath, "certPath");
            Objects.requireNonNull(keyPath, "keyPath");
        }
    }
}
