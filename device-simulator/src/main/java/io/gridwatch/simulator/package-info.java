/**
 * Simulated sensor fleets (smoke detectors, water-level gauges) that publish over MQTT with the
 * HiveMQ client. So far the command line ({@link io.gridwatch.simulator.SimulatorCommand}) and its
 * {@code load} mode (package {@code load}); the scenario mode ({@code run}) comes with the simulator issue.
 */
package io.gridwatch.simulator;
