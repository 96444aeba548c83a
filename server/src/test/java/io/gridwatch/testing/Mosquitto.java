package io.gridwatch.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto 2 run by a test: its configuration in a temporary directory, a port on loopback, no persistence
 * (sessions live in the broker's memory while it runs), anonymous clients. {@link #close()} kills it and removes the
 * directory. {@link #binary()} is empty where Mosquitto is not installed: the test then skips, saying so.
 */
public final class Mosquitto implements AutoCloseable {

    public static final String MISSING = "mosquitto is not installed (apt-get install mosquitto; .ci/run installs it):"
            + " broker-mode tests skipped";

    private final Process process;
    private final Path directory;
    private final int port;

    private Mosquitto(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The broker's executable, if installed. */
    public static Optional<Path> binary() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/mosquitto")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                        .map(dir -> Path.of(dir, "mosquitto")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    /** A port free now on loopback, for a broker started later. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts a broker on {@code port} of 127.0.0.1 and waits until it accepts connections. */
    public static Mosquitto start(int port) throws Exception {
        return start(port, "");
    }

    /** As {@link #start(int)}, plus MQTT over TLS on {@code tlsPort} with the PEM certificate and key given. */
    public static Mosquitto startWithTls(int port, int tlsPort, Path certificate, Path key) throws Exception {
        return start(port, String.join("\n", "listener " + tlsPort + " 127.0.0.1", "certfile " + certificate,
                "keyfile " + key, ""));
    }

    private static Mosquitto start(int port, String moreListeners) throws Exception {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(MISSING));
        Path directory = Files.createTempDirectory("gw-mosquitto-");
        Path config = directory.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                // as root Mosquitto would drop to the user "mosquitto", who cannot read the test's files
                "user " + System.getProperty("user.name"),
                "per_listener_settings false",
                "allow_anonymous true",
                "listener " + port + " 127.0.0.1",
                moreListeners,
                "persistence false",
                "log_dest file " + directory.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
        Mosquitto broker = new Mosquitto(process, directory, port);
        try {
            Eventually.until(Duration.ofSeconds(20), "mosquitto accepts connections on port " + port,
                    () -> process.isAlive() && accepts(port));
        } catch (AssertionError notUp) {
            String log = broker.log() + Files.readString(directory.resolve("stdout.log"));
            broker.close();
            throw new AssertionError(notUp.getMessage() + "; mosquitto said: " + log, notUp);
        }
        return broker;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "mqtt://127.0.0.1:" + port;
    }

    /** The broker's log so far, for a failure message. */
    public String log() {
        try {
            return Files.readString(directory.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
