package io.gridwatch.cli;

import io.gridwatch.app.GridwatchServer;
import io.gridwatch.app.StartupException;
import io.gridwatch.config.GridwatchConfig;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a server until the JVM is asked to stop (SIGTERM, Ctrl-C), then stops it gracefully. Prints
 * {@code http port: N} and {@code mqtt port: N} on stdout once ready, starts the {@link Companion} and prints
 * its lines. Stopping goes the other way: the companion, then the server, then {@code afterStop}.
 */
final class ServerRunner {

    private static final long START_TIMEOUT_S = 300;
    /** Below the embedded database's own exit grace, so that it is never stopped under a flush. */
    private static final long STOP_TIMEOUT_S = 15;

    private ServerRunner() {
    }

    static int run(GridwatchConfig config, PrintWriter out, Companion companion, Runnable afterStop)
            throws InterruptedException {
        GridwatchServer server;
        try {
            server = GridwatchServer.start(config).get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StartupException startup ? startup
                    : new StartupException("start-up failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("start-up took longer than " + START_TIMEOUT_S + " s", e);
        }
        out.println("http port: " + server.httpPort());
        out.println("mqtt port: " + server.mqttPort());
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                companion.stop();
                server.stop().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM is going down either way; the logger has said what failed
            } finally {
                afterStop.run();
                stopped.countDown();
            }
        }, "gridwatch-shutdown"));
        try {
            companion.start(server).forEach(out::println);
            out.flush();
        } catch (Exception e) {
            throw new StartupException("start-up failed: " + e.getMessage(), e);
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
