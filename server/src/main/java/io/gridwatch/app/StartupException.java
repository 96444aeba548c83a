package io.gridwatch.app;

/** Start-up stopped: the message is one line a person can act on. */
public class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
