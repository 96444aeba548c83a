package io.gridwatch.cli;

import io.gridwatch.app.GridwatchServer;
import io.gridwatch.app.StartupException;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.store.EmbeddedDatabase;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch demo}: the whole system on one machine, with an embedded PostgreSQL kept under ./data, a demo
 * roster and a simulated fleet ({@link DemoFleet}) reporting over MQTT to the server's own port.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run everything on this machine, with a simulated fire and flood.",
            "An embedded PostgreSQL (data kept under ./data, or GRIDWATCH_DATA_DIR), the bundled Guangming grid, an"
                + " admin log-in, a demo roster and a simulated fleet of 2,150 sensors with a fire and a flash flood"
                + " in the first minutes; each run closes the alerts the previous run's scenario left and starts the"
                + " story afresh. Listens on 127.0.0.1 unless GRIDWATCH_HOST says otherwise. Prints the URLs and"
                + " log-ins; Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_ADMIN_PASSWORD = "demo-admin";
    private static final String LOOPBACK = "127.0.0.1";

    @Spec
    private CommandSpec spec;

    @Option(names = "--no-simulator", description = "Without the demo roster and the simulated fleet (benchmarks).")
    private boolean noSimulator;

    @Option(names = "--nodes", paramLabel = "N", description = "Run N gridwatch nodes (1 to "
            + MultiNodeDemo.MAX_NODES + "), a process each, in one cluster on the one embedded database, behind"
            + " HAProxy (deploy/haproxy.cfg) at the usual ports when it is installed; prints each node's ports and"
            + " how to kill one to watch a failover.")
    private Integer nodes;

    @Override
    public Integer call() throws InterruptedException {
        if (nodes != null && (nodes < 1 || nodes > MultiNodeDemo.MAX_NODES)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--nodes must be between 1 and " + MultiNodeDemo.MAX_NODES + ", got " + nodes);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("GRIDWATCH_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD);
        // a shared demo password on every interface would let the whole network in: loopback unless asked
        boolean hostChosen = env.containsKey("GRIDWATCH_HOST") && !env.get("GRIDWATCH_HOST").isBlank();
        env.putIfAbsent("GRIDWATCH_HOST", LOOPBACK);
        env.computeIfPresent("GRIDWATCH_HOST", (name, value) -> value.isBlank() ? LOOPBACK : value);
        GridwatchConfig config = GridwatchConfig.fromEnv(env);
        PrintWriter err = spec.commandLine().getErr();
        if (hostChosen && !isLoopback(config.http().host())) {
            err.println("demo: warning: listening on " + config.http().host() + " with the demo's published"
                    + " passwords: anyone who reaches this machine can log in");
        }
        Path dataDir = dataDirectory(env);
        DataFolderLock.take(dataDir);
        Path postgresDir = dataDir.resolve("postgres");
        LeftoverPostgres.stop(postgresDir, spec.commandLine().getErr());
        boolean firstRun = !Files.exists(postgresDir.resolve("PG_VERSION"));
        err.println("demo: starting PostgreSQL in " + postgresDir
                + (firstRun ? " (a first run unpacks and initialises it, a few seconds)" : ""));
        err.flush();
        EmbeddedDatabase database = startDatabase(postgresDir);
        try {
            if (!noSimulator) {
                int closed = DemoLeftovers.close(database.config(), DemoFleet.DEVICE_PREFIX, Instant.now());
                if (closed > 0) {
                    err.println("demo: closed " + closed + " alert" + (closed == 1 ? "" : "s")
                            + " left open by the previous run; the story starts afresh");
                }
            }
            String password = env.get("GRIDWATCH_ADMIN_PASSWORD");
            List<String> fixed = List.of(
                    DEMO_ADMIN_PASSWORD.equals(password)
                            ? "demo: log in as admin / " + password + " (POST /api/login)"
                            : "demo: log in as admin with GRIDWATCH_ADMIN_PASSWORD (POST /api/login)",
                    "demo: database " + database.config());
            if (nodes != null) {
                return new MultiNodeDemo(config, env, nodes, !noSimulator, spec.commandLine().getOut(), err)
                        .run(database, dataDir, fixed);
            }
            Companion fleet = noSimulator ? Companion.NONE : DemoFleet.forConfig(config, database.config(), dataDir,
                    password, err);
            return ServerRunner.run(config.withDb(database.config()), spec.commandLine().getOut(),
                    new Banner(fixed, fleet), database::close);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The embedded database, or one line saying why not (its own message can run to a stack of lines). */
    private static EmbeddedDatabase startDatabase(Path directory) {
        try {
            return EmbeddedDatabase.start(directory);
        } catch (IllegalStateException | UncheckedIOException e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            throw new StartupException(newline < 0 ? message : message.substring(0, newline), e);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1");
    }

    static Path dataDirectory(Map<String, String> env) {
        return Optional.ofNullable(env.get("GRIDWATCH_DATA_DIR")).map(Path::of)
                .or(() -> Optional.ofNullable(env.get("GRIDWATCH_HOME")).map(home -> Path.of(home, "data")))
                .orElse(Path.of("data"));
    }

    /** The demo's fixed lines (health, admin log-in, database), then what the fleet prints. */
    private record Banner(List<String> fixed, Companion fleet) implements Companion {

        @Override
        public List<String> start(GridwatchServer server) throws Exception {
            List<String> lines = new ArrayList<>();
            lines.add("demo: health at http://localhost:" + server.httpPort() + "/health");
            lines.addAll(fixed);
            lines.add("demo: map at http://localhost:" + server.httpPort() + "/");
            lines.addAll(fleet.start(server));
            return lines;
        }

        @Override
        public void stop() {
            fleet.stop();
        }
    }
}
