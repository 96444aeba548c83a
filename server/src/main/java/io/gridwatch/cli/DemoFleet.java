package io.gridwatch.cli;

import io.gridwatch.app.GridwatchServer;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.people.PasswordHashing;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.load.GridwatchApi;
import io.gridwatch.simulator.load.HostPort;
import io.gridwatch.simulator.run.FleetRun;
import io.gridwatch.simulator.run.RunSettings;
import io.gridwatch.simulator.scenario.Incidents;
import io.gridwatch.simulator.scenario.SensorSettings;
import io.gridwatch.store.Database;
import io.gridwatch.store.DbConfig;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the demo runs beside its server: the demo roster ({@link DemoRoster}, once), Guangming's departments and
 * their log-ins ({@link DemoDepartments}, once) and a simulated fleet of {@value #SMOKE} smoke detectors,
 * {@value #GAUGES} gauges, {@value #GAS} gas and {@value #HEAT} heat detectors in-process, over real MQTT to the
 * server's own port,
 * registered through the devices API with the admin log-in; tokens and sequence numbers are kept in
 * {@code <data dir>/simulator/fleet-state.json}, so a second run reuses them. The scenario is {@code normal}
 * with a fire at +{@value #FIRE_AT_S} s, a flash flood at +{@value #FLOOD_AT_S} s, a gas leak in a restaurant street at
 * +{@value #GAS_LEAK_AT_S} s and a heat alarm at +{@value #HEAT_AT_S} s. Start blocks (the main
 * thread, never an event loop); stop is idempotent.
 */
final class DemoFleet implements Companion {

    static final int SMOKE = 2_000;
    static final int GAUGES = 150;
    static final int FIRE_AT_S = 90;
    static final int FLOOD_AT_S = 150;
    static final int GAS = 200;
    static final int HEAT = 100;
    static final int GAS_LEAK_AT_S = 120;
    static final int HEAT_AT_S = 180;
    /** Every simulated device's id starts with it (what a new run closes the old alerts of). */
    static final String DEVICE_PREFIX = "sim-";
    private static final Logger log = LoggerFactory.getLogger(DemoFleet.class);

    private final DbConfig db;
    private final String host;
    private final Path dataDir;
    private final String adminPassword;
    private volatile FleetRun run;
    private volatile boolean stopped;

    /**
     * The demo's fleet for this configuration; none (with a line on {@code err} saying why) when the server
     * speaks MQTT or HTTP only over TLS, which the in-process simulator does not.
     */
    static Companion forConfig(GridwatchConfig config, DbConfig db, Path dataDir, String adminPassword,
            PrintWriter err) {
        if (config.mqtt().tls() != null || config.http().tls() != null) {
            err.println("demo: TLS is configured: no demo roster and no simulated fleet");
            return Companion.NONE;
        }
        return new DemoFleet(db, reachable(config.mqtt().host()), dataDir, adminPassword);
    }

    /** The address to reach a server listening on {@code host}: loopback for the wildcard addresses. */
    private static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "localhost" : host;
    }

    private DemoFleet(DbConfig db, String host, Path dataDir, String adminPassword) {
        this.db = db;
        this.host = host;
        this.dataDir = dataDir;
        this.adminPassword = adminPassword;
    }

    /**
     * What the fleet reports to: the ports of one server, or of HAProxy in front of several ({@code demo --nodes});
     * a Vert.x instance for the roster's database work, the grid the servers run on.
     */
    record Target(Vertx vertx, Grid grid, int httpPort, int mqttPort) {
    }

    @Override
    public List<String> start(GridwatchServer server) throws Exception {
        return start(new Target(server.vertx(), server.locator().grid(), server.httpPort(), server.mqttPort()));
    }

    /** Starts the roster, the departments and the fleet against {@code server}; returns the banner lines. */
    List<String> start(Target server) throws Exception {
        Grid grid = server.grid();
        int added = createRoster(server, grid);
        log.info("demo roster {}", added == 0 ? "found, reused" : "created [people: " + added + "]");
        String httpHost = host.contains(":") ? "[" + host + "]" : host;
        URI http = URI.create("http://" + httpHost + ":" + server.httpPort());
        List<DemoDepartments.Department> departments = DemoDepartments.ensure(new GridwatchApi(http), adminPassword);
        addDepartmentStaff(server, departments);
        log.info("demo departments {}", departments.isEmpty() ? "found, reused"
                : "created [departments: " + departments.size() + "]");
        RunSettings settings = RunSettings.defaults(new HostPort(host, server.mqttPort()), http, "admin", adminPassword,
                        dataDir.resolve("simulator").resolve("fleet-state.json"))
                .withFleet(1, SMOKE, GAUGES, DEVICE_PREFIX)
                .withGasAndHeat(GAS, HEAT)
                .withIncidents(Incidents.NONE.withFireAt(Duration.ofSeconds(FIRE_AT_S))
                        .withFloodAt(Duration.ofSeconds(FLOOD_AT_S)).withGasLeakAt(Duration.ofSeconds(GAS_LEAK_AT_S))
                        .withHeatAt(Duration.ofSeconds(HEAT_AT_S)), null)
                .withSensors(SensorSettings.DEFAULTS.withIntervals(Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofSeconds(10)));
        FleetRun started = FleetRun.start(settings, grid);
        run = started;
        if (stopped) {
            started.close();
        }
        return banner(grid, started);
    }

    private int createRoster(Target server, Grid grid) throws Exception {
        Pool pool = Database.pool(server.vertx(), db, 2, "demo-roster");
        try {
            return DemoRoster.ensure(new PeopleStore(pool), new PasswordHashing(server.vertx()), grid)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    private void addDepartmentStaff(Target server, List<DemoDepartments.Department> added) throws Exception {
        if (added.isEmpty()) {
            return;
        }
        Pool pool = Database.pool(server.vertx(), db, 2, "demo-departments");
        try {
            new PasswordHashing(server.vertx()).hash(DemoRoster.PASSWORD)
                    .compose(hash -> new PeopleStore(pool).insertAll(DemoDepartments.staff(added, hash)))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    private static List<String> banner(Grid grid, FleetRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("demo: " + run.fleet().devices().size() + " simulated devices reporting over MQTT ("
                + SMOKE + " smoke detectors, " + GAUGES + " water-level gauges, " + GAS + " gas detectors, " + HEAT
                + " heat detectors)");
        run.plan().fireCell().ifPresent(cell -> {
            String sector = grid.unit(cell).map(GridUnit::parentId).orElse("?");
            lines.add("demo: a fire breaks out at +" + FIRE_AT_S + " s in cell " + cell + ", a flash flood at +"
                    + FLOOD_AT_S + " s on " + run.plan().floodGauges().size() + " gauges in the south");
            lines.add("demo: log in as " + DemoRoster.worker(cell) + " / " + DemoRoster.PASSWORD
                    + " (that cell's grid worker), " + DemoRoster.sectorLeader(sector) + " / " + DemoRoster.PASSWORD
                    + " (its sector leader)");
        });
        run.plan().gasLeakCell().ifPresent(cell -> lines.add("demo: a gas leak in a restaurant street at +"
                + GAS_LEAK_AT_S + " s in cell " + cell + "; log in as " + DemoRoster.worker(cell) + " / "
                + DemoRoster.PASSWORD));
        run.plan().heatDevice().ifPresent(device -> {
            String cell = run.fleet().devices().stream().filter(d -> d.id().equals(device)).findFirst()
                    .map(FleetDevice::cell).orElse("?");
            lines.add("demo: a heat alarm at +" + HEAT_AT_S + " s on " + device + " in cell " + cell + "; log in as "
                    + DemoRoster.worker(cell) + " / " + DemoRoster.PASSWORD);
        });
        lines.add("demo: log in as " + DemoRoster.RESCUE + " / " + DemoRoster.PASSWORD + ", "
                + DemoRoster.DISTRICT + " / " + DemoRoster.PASSWORD + "; every cell w-<cell id>, sector s-<id>,"
                + " community c-<id>, subdistrict sd-<id>, all / " + DemoRoster.PASSWORD);
        lines.add(DemoDepartments.banner());
        return lines;
    }

    @Override
    public void stop() {
        stopped = true;
        FleetRun current = run;
        if (current != null) {
            current.close();
        }
    }
}
