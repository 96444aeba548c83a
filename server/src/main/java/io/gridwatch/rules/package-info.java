/**
 * Alert rules: pure processors that turn readings (and clock ticks) into {@link io.gridwatch.rules.Decision}s,
 * {@code (state, reading) → (state, decision)}, with no Vert.x, no I/O and no clock of their own. The verticle
 * that owns the devices keeps one {@link io.gridwatch.rules.DeviceRuleState} per device, feeds
 * {@link io.gridwatch.rules.RuleEngine} and turns the decisions into alerts; the alert lifecycle, not the rules,
 * keeps "one open alert per source and kind".
 *
 * <p>Time: the rules judge by the readings' own timestamps (hold times, rise windows, intervals), except offline,
 * which compares the server's receipt time with the server's "now". Readings may arrive out of order; a reading
 * not newer than the newest one judged for a device is late: it may raise (it reports something that happened)
 * but never clears, never advances a hold and never counts for a rate of rise (see {@link io.gridwatch.rules.Latch}).
 *
 * <p>Decisions: every reading that meets a condition raises (again: {@code repeat} is then true, and the lifecycle
 * counts it); a reading between the raise and the clear that does not meet it says nothing; the clear comes once,
 * after the rule's hysteresis.
 *
 * <p>Settings: {@link io.gridwatch.rules.RuleSettings}, with per-device lines from
 * {@link io.gridwatch.model.Thresholds}.
 */
package io.gridwatch.rules;
