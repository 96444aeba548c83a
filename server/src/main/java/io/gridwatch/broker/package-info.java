/**
 * Broker mode (ARCHITECTURE 3.10): for sites whose own MQTT broker cluster (EMQX, HiveMQ, Mosquitto) takes the
 * devices' connections. {@link io.gridwatch.broker.BrokerSubscriber} makes the node a QoS 1 member of the shared
 * subscription {@code $share/gridwatch/devices/+/readings} and feeds each reading through
 * {@link io.gridwatch.broker.SharedReadings} into the same sink as the node's own MQTT listener, acknowledging the
 * broker only after the commit; {@link io.gridwatch.broker.MqttHooks} answers the broker's HTTP auth and ACL hooks
 * from the devices' hashed tokens.
 */
package io.gridwatch.broker;
