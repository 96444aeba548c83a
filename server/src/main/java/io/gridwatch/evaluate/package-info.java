/**
 * Runs the pure rules of {@code io.gridwatch.rules} on every stored reading and on a clock, and hands their decisions
 * to the alert lifecycle ({@code io.gridwatch.dispatch}). The rules' per-device state lives on one thread of its own;
 * the alerts themselves live in the database.
 */
package io.gridwatch.evaluate;
