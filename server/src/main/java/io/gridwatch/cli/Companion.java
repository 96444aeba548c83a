package io.gridwatch.cli;

import io.gridwatch.app.GridwatchServer;
import java.util.List;

/**
 * What runs beside the server in the same process (the demo's roster and simulated fleet): started once the
 * server is ready, stopped before the server stops.
 */
interface Companion {

    /** Nothing beside the server. */
    Companion NONE = new Companion() {
        @Override
        public List<String> start(GridwatchServer server) {
            return List.of();
        }

        @Override
        public void stop() {
        }
    };

    /** Starts beside the ready {@code server} (may block); returns the lines to print once it runs. */
    List<String> start(GridwatchServer server) throws Exception;

    /** Stops; called once from the shutdown hook, possibly while {@link #start} still runs. Idempotent. */
    void stop();
}
