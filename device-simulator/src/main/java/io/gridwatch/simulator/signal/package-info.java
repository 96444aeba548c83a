/**
 * Sensor signals as pure functions of the time since a run's start, seeded per device
 * ({@link io.gridwatch.simulator.signal.Noise}): smoke noise and cooking spikes, a fire's smoke, a real
 * water-level series replayed and scaled per gauge, flood and storm surges, batteries, devices falling silent.
 * No state, no clock: the same seed, device and time always give the same value.
 */
package io.gridwatch.simulator.signal;
