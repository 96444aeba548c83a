package io.gridwatch.simulator.load;

/** A load run that cannot go on, with a message fit for the command line. */
public class LoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
