/**
 * Simulated sensor fleets (smoke detectors, water-level gauges) that publish over MQTT with the
 * HiveMQ client. Only the module is laid down so far; the simulator issue fills it.
 */
package io.gridwatch.simulator;
