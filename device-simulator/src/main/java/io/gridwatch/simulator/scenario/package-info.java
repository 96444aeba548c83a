/**
 * Scenarios (normal, fire, flood, storm): who an incident touches and when
 * ({@link io.gridwatch.simulator.scenario.ScenarioPlan}), and each device's behaviour under it
 * ({@link io.gridwatch.simulator.scenario.SimulatedSensor}): its payload, its interval, its silence.
 */
package io.gridwatch.simulator.scenario;
