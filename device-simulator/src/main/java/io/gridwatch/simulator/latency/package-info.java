/**
 * {@code gridwatch-sim alert-latency}: measures the time from a device's PUBLISH to the grid worker's websocket
 * frame announcing the alert it raised.
 */
package io.gridwatch.simulator.latency;
