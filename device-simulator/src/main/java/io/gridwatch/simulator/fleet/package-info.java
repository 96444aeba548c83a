/**
 * Where a simulated fleet stands ({@link io.gridwatch.simulator.fleet.FleetPlanner}: detectors by cell density,
 * gauges in the low-lying stand-in cells, deterministic per seed) and what it keeps between runs
 * ({@link io.gridwatch.simulator.fleet.FleetStateFile}: tokens and next sequence numbers).
 */
package io.gridwatch.simulator.fleet;
