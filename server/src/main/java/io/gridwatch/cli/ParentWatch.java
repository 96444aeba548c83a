package io.gridwatch.cli;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops this process when the one that started it ends, however it ended (a {@code kill -9} runs no shutdown hook, so
 * the starter cannot stop its children itself): the nodes of {@code demo --nodes} never outlive the demo. The exit
 * runs this process's own shutdown hooks, so a node still stops gracefully. The JDK notices the end of a process that
 * is not its child by polling, within a few seconds.
 */
final class ParentWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);

    private ParentWatch() {
    }

    /** Watches process {@code pid}; when it is already gone, this process ends at once. */
    static void exitWhenGone(long pid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            gone(pid);
            return;
        }
        parent.get().onExit().thenRun(() -> gone(pid));
    }

    private static void gone(long pid) {
        LOG.warn("the process that started this one has ended, stopping [parent pid: {}]", pid);
        System.exit(ExitCodes.OK);
    }
}
