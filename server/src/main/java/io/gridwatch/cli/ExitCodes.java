package io.gridwatch.cli;

/** Exit codes of the command line; 2 (bad usage) is picocli's own. */
final class ExitCodes {

    static final int OK = 0;
    /** The input was read but is unusable, or the work failed. */
    static final int FAILED = 1;

    private ExitCodes() {
    }
}
