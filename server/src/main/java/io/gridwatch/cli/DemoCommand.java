package io.gridwatch.cli;

import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.store.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gridwatch demo}: the whole system on one machine, with an embedded PostgreSQL kept under ./data. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run gridwatch with an embedded PostgreSQL (data kept under ./data), the bundled",
            "Guangming grid and an admin log-in; prints the URLs and log-ins. Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_ADMIN_PASSWORD = "demo-admin";

    @Spec
    private CommandSpec spec;

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
            return ServerRunner.run(config.withDb(database.config()), spec.commandLine().getOut(),
                    server -> List.of("demo: health at http://localhost:" + server.httpPort() + "/health",
                            DEMO_ADMIN_PASSWORD.equals(password)
                                    ? "demo: log in as admin / " + password + " (POST /api/login)"
                                    : "demo: log in as admin with GRIDWATCH_ADMIN_PASSWORD (POST /api/login)",
                            "demo: database " + database.config()), database::close);
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
}
