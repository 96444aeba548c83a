package io.gridwatch.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's HAProxy in the foreground ({@code -db}) on a config written by {@link HaproxyConfig}, its output in a
 * log file beside the config.
 */
public final class HaproxyProcess {

    /** Debian installs it under /usr/sbin, which is not on an ordinary user's PATH. */
    private static final List<String> PLACES = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");
    private static final String PID_FILE = "haproxy.pid";

    private final Process process;
    private final HaproxyConfig.Binds binds;
    private final Path log;

    private HaproxyProcess(Process process, HaproxyConfig.Binds binds, Path log) {
        this.process = process;
        this.binds = binds;
        this.log = log;
    }

    /** The haproxy executable on the PATH or where Debian puts it; empty when HAProxy is not installed. */
    public static Optional<Path> executable() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(":")), PLACES.stream()).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "haproxy")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Writes {@code config} to {@code directory/haproxy.cfg}, checks it ({@code haproxy -c}), starts HAProxy on it
     * and waits until its MQTT and HTTP frontends accept connections.
     */
    public static HaproxyProcess start(Path executable, String config, HaproxyConfig.Binds binds, Path directory)
            throws InterruptedException {
        try {
            Files.createDirectories(directory);
            stopLeftover(directory);
            Path file = directory.resolve("haproxy.cfg");
            Files.writeString(file, config, StandardCharsets.UTF_8);
            Path log = directory.resolve("haproxy.log");
            Process check = new ProcessBuilder(executable.toString(), "-c", "-q", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("haproxy refuses " + file + ": " + Files.readString(log).strip());
            }
            Process process = new ProcessBuilder(executable.toString(), "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // HAProxy writes no pid file in the foreground: what stopLeftover reads after a kill -9 of this run
            Files.writeString(directory.resolve(PID_FILE), Long.toString(process.pid()), StandardCharsets.UTF_8);
            HaproxyProcess started = new HaproxyProcess(process, binds, log);
            started.awaitListening(Duration.ofSeconds(15));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy", e);
        }
    }

    /**
     * Stops the HAProxy that a run killed with -9 left on {@code directory} (its pid file names it, and it still runs on
     * this directory's config): nothing else would, and it would hold its ports for good.
     */
    private static void stopLeftover(Path directory) throws IOException {
        Path pidFile = directory.resolve(PID_FILE);
        if (!Files.isReadable(pidFile)) {
            return;
        }
        String config = directory.resolve("haproxy.cfg").toString();
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(config))
                    .ifPresent(leftover -> {
                        leftover.destroy();
                        leftover.onExit().completeOnTimeout(leftover, 10, TimeUnit.SECONDS).join();
                    });
        } catch (NumberFormatException e) {
            // not a pid: nothing to stop
        }
    }

    /**
     * Polls on the caller's thread (the launcher's main thread or a test's, never a Vert.x event loop), waiting between
     * tries on the process itself, so that an HAProxy that exits on a bad config is reported at once.
     */
    private void awaitListening(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!(accepts(binds.mqttPort()) && accepts(binds.httpPort()))) {
            if (process.waitFor(100, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("haproxy did not start listening, see " + log);
            }
        }
    }

    private boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(binds.host(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public HaproxyConfig.Binds binds() {
        return binds;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (HAProxy's hard stop in the foreground), then SIGKILL after 5 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
