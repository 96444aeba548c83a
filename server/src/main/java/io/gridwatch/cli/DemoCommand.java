package io.gridwatch.cli;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.store.EmbeddedDatabase;
import io.gridwatch.app.GridwatchServer;
import java.nio.file.Path;
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
        description = {"Run gridwatch with an embedded PostgreSQL (data kept under ./data), the bundled",
            "Guangming grid, an admin log-in, a demo roster and a simulated fleet of 2,150 sensors with a fire",
            "and a flash flood in the first minutes; prints the URLs and log-ins. Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_ADMIN_PASSWORD = "demo-admin";

    @Spec
    private CommandSpec spec;

    @Option(names = "--no-simulator", description = "Without the demo roster and the simulated fleet (benchmarks).")
    private boolean noSimulator;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("GRIDWATCH_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD);
        GridwatchConfig config = GridwatchConfig.fromEnv(env);
        Path dataDir = dataDirectory(env);
        spec.commandLine().getErr().println("demo: starting PostgreSQL in " + dataDir.resolve("postgres")
                + " (the first run unpacks it, a few seconds)");
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"));
        try {
            String password = env.get("GRIDWATCH_ADMIN_PASSWORD");
            List<String> fixed = List.of(
                    DEMO_ADMIN_PASSWORD.equals(password)
                            ? "demo: log in as admin / " + password + " (POST /api/login)"
                            : "demo: log in as admin with GRIDWATCH_ADMIN_PASSWORD (POST /api/login)",
                    "demo: database " + database.config());
            Companion fleet = noSimulator ? Companion.NONE : DemoFleet.forConfig(config, database.config(), dataDir,
                    password, spec.commandLine().getErr());
            return ServerRunner.run(config.withDb(database.config()), spec.commandLine().getOut(),
                    new Banner(fixed, fleet), database::close);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Path dataDirectory(Map<String, String> env) {
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
            lines.addAll(fleet.start(server));
            return lines;
        }

        @Override
        public void stop() {
            fleet.stop();
        }
    }
}
