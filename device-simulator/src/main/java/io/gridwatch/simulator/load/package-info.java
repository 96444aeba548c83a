/**
 * The load mode of the simulator: many MQTT connections publishing readings at a target aggregate rate,
 * with bounded in-flight QoS 1 publishes per connection, PUBACK latency percentiles and, optionally, a
 * count of the rows that reached the database. {@link io.gridwatch.simulator.load.LoadCommand} is the
 * command line, {@link io.gridwatch.simulator.load.LoadRun} the run itself; pacing
 * ({@link io.gridwatch.simulator.load.RatePacer}), latency ({@link io.gridwatch.simulator.load.LatencyHistogram})
 * and the token file ({@link io.gridwatch.simulator.load.TokenFile}) are plain Java with unit tests.
 */
package io.gridwatch.simulator.load;
