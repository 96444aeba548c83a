package io.gridwatch.simulator.load;

import java.time.Instant;

/**
 * What a load run measured.
 *
 * @param settings what was asked
 * @param connected connections that were up when sending started
 * @param startedAt wall clock when sending started (every message's ts is at or after it)
 * @param sendSeconds how long sending lasted
 * @param ackSeconds from the first send to the last acknowledgement (the achieved rate's denominator)
 * @param sent publishes sent
 * @param acked publishes acknowledged (PUBACK for QoS 1; handed to the network for QoS 0)
 * @param errors publishes refused or lost with their connection
 * @param skipped publishes given up because every connection was at its in-flight bound
 * @param unfinished publishes still unanswered when the drain timeout ended
 * @param latency PUBACK latencies
 * @param firstError the first error, or null
 */
public record LoadResult(LoadSettings settings, int connected, Instant startedAt, double sendSeconds,
        double ackSeconds, long sent, long acked, long errors, long skipped, long unfinished,
        LatencyHistogram latency, String firstError) {

    /** Acknowledged messages per second, first send to last acknowledgement. */
    public double achievedRate() {
        return ackSeconds <= 0 ? 0 : acked / ackSeconds;
    }
}
