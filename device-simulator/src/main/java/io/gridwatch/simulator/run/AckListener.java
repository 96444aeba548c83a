package io.gridwatch.simulator.run;

/** Told of every acknowledged reading, on the MQTT client's threads: must be thread-safe and quick. */
@FunctionalInterface
public interface AckListener {

    AckListener NONE = (device, seq) -> { };

    void acked(String deviceId, long seq);
}
