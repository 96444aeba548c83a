package io.gridwatch.simulator.load;

import java.time.Duration;

/**
 * What a load run does, once its devices are known. Immutable.
 *
 * @param broker where to connect
 * @param devices how many connections (one device each)
 * @param rate the aggregate target, messages per second
 * @param qos 0 or 1
 * @param mqttVersion 3 (3.1.1) or 5
 * @param duration how long to send
 * @param inflight unacknowledged publishes allowed per connection
 * @param burst messages handed to one connection per turn (1: every message of a tick to another connection, as a
 *     fleet of independent sensors sends; more lets the client write several in one TCP write)
 * @param nettyThreads event-loop threads shared by every connection
 * @param connectConcurrency CONNECTs outstanding at once while the fleet connects
 * @param drainTimeout how long to wait for outstanding acknowledgements after sending stopped
 * @param progressEvery how often to print progress
 */
public record LoadSettings(HostPort broker, int devices, double rate, int qos, int mqttVersion, Duration duration,
        int inflight, int burst, int nettyThreads, int connectConcurrency, Duration drainTimeout, Duration progressEvery) {

    public LoadSettings {
        require(devices >= 1, "--devices must be >= 1");
        require(rate > 0, "--rate must be > 0");
        require(qos == 0 || qos == 1, "--qos must be 0 or 1");
        require(mqttVersion == 3 || mqttVersion == 5, "--mqtt-version must be 3 or 5");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be > 0");
        require(inflight >= 1 && inflight <= 65_535, "--inflight must be 1..65535");
        require(burst >= 1, "--burst must be >= 1");
        require(nettyThreads >= 1, "--netty-threads must be >= 1");
        require(connectConcurrency >= 1, "connect concurrency must be >= 1");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
