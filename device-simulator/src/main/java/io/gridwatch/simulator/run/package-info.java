/**
 * {@code gridwatch-sim run} and the running fleet ({@link io.gridwatch.simulator.run.FleetRun}, also started
 * in-process by {@code gridwatch demo}): registration, one MQTT 5 client per device with automatic reconnect and
 * a QoS 1 outbox ({@link io.gridwatch.simulator.run.DeviceLink}), the scheduler that sends what is due, and the
 * state file written periodically and on stop.
 */
package io.gridwatch.simulator.run;
