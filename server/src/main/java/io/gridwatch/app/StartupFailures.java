package io.gridwatch.app;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.geo.model.GridException;
import java.net.BindException;
import java.net.ConnectException;

/** Turns whatever stopped start-up into one line that says what to fix. */
final class StartupFailures {

    private StartupFailures() {
    }

    /** @param config names the database in the message (its password masked) */
    static StartupException explain(Throwable failure, GridwatchConfig config) {
        if (failure instanceof StartupException startup) {
            Throwable cause = rootCause(startup);
            if (cause instanceof BindException) {
                return new StartupException(startup.getMessage().replace(": " + cause.getMessage(), "")
                        + ": the port is taken (another gridwatch?)", failure);
            }
            return startup;
        }
        if (failure instanceof GridException || failure instanceof ConfigException) {
            return new StartupException(failure.getMessage(), failure);
        }
        Throwable cause = rootCause(failure);
        if (cause instanceof ConnectException || String.valueOf(cause.getMessage()).contains("Connection refused")) {
            return new StartupException("cannot reach the database " + config.db().map(Object::toString).orElse("")
                    + ": " + cause.getMessage(), failure);
        }
        return new StartupException("start-up failed: " + failure.getMessage(), failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
