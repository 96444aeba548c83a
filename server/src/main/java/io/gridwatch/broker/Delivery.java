package io.gridwatch.broker;

/**
 * One PUBLISH the broker handed this node, as {@link SharedReadings} needs it.
 *
 * @param qos1 whether the broker waits for an acknowledgement (QoS 1 or 2); a QoS 0 reading is best effort
 * @param acknowledge sends the acknowledgement on the connection the PUBLISH came on
 */
record Delivery(String topic, byte[] payload, boolean qos1, Runnable acknowledge) {
}
