package io.gridwatch.app;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.casework.CasePublisher;
import io.gridwatch.casework.CaseService;
import io.gridwatch.casework.CaseStats;
import io.gridwatch.casework.CaseStore;
import io.gridwatch.casework.CaseViews;
import io.gridwatch.casework.Casework;
import io.gridwatch.casework.HandlingPhotos;
import io.gridwatch.cluster.Changes;
import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.department.DepartmentStore;
import io.gridwatch.department.Departments;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.dispatch.AlertPublisher;
import io.gridwatch.dispatch.Routing;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.incident.IncidentFeedback;
import io.gridwatch.ingest.MirroredDirectory;
import io.gridwatch.report.ImageWork;
import io.gridwatch.store.Database;
import io.gridwatch.web.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the listeners and the periodic duties are built from, once the database is ready: the grid, the devices known
 * to MQTT log-in, accounts, the alert lifecycle on the roster, cases handed to departments, and the cluster (if any).
 */
record ServerParts(GridLocator locator, Database database, MirroredDirectory directory, Services.Accounts accounts,
        AlertLifecycle alerts, StaffDirectory staff, Casework casework, Optional<ClusterNode> cluster, Changes changes) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerParts.class);

    /** Grid units stored, admin and JWT secret, devices mirrored (all at once), then the roster and log-in. */
    static Future<ServerParts> assemble(Vertx vertx, GridwatchConfig config, GridLocator locator, Database database,
            Optional<ClusterNode> cluster) {
        Future<Integer> units = database.gridUnits().replaceAll(locator.grid());
        AccountsWiring accounts = AccountsWiring.begin(vertx, config, database.pool(), locator);
        StaffDirectory staff = accounts.staff();
        // answers known devices at once: a device may pipeline PUBLISHes right behind its CONNECT
        MirroredDirectory directory = new MirroredDirectory(database.devices());
        Future<Void> mirrored = database.devices().allCredentials()
                .onSuccess(all -> all.forEach(directory::remember))
                .onSuccess(all -> LOG.info("devices known to mqtt log-in [count: {}]", all.size()))
                .mapEmpty();
        Changes changes = ClusterWiring.changes(vertx, cluster, staff, directory, database.devices());
        AlertLifecycle alerts = alerts(vertx, config, database, staff);
        Departments departments = new Departments(new DepartmentStore(database.pool()), locator.grid());
        return Future.all(units, accounts.begun(), mirrored)
                .compose(ignored -> accounts.finish(locator, departments, changes))
                .map(ready -> new ServerParts(locator, database, directory, ready, alerts, staff,
                        casework(vertx, config, database, alerts, departments, staff), cluster, changes));
    }

    /** Alerts: routed by the roster, escalated by the configured deadlines, published per person, fed back to 110/12345. */
    private static AlertLifecycle alerts(Vertx vertx, GridwatchConfig config, Database database, StaffDirectory staff) {
        // every step of an incident's case goes back to the system that handed it over, written with the step
        return new AlertLifecycle(new AlertStore(database.pool(), new IncidentFeedback()), new Routing(staff::staffed),
                config.escalateAfter(), new AlertPublisher(vertx.eventBus(), staff), Clock.systemUTC());
    }

    /** Cases: dispatched to departments, on the alerts' store, told to people and to the outbox. */
    private static Casework casework(Vertx vertx, GridwatchConfig config, Database database, AlertLifecycle alerts,
            Departments departments, StaffDirectory staff) {
        CaseStore store = new CaseStore(database.pool());
        CaseService cases = new CaseService(alerts.store(), store, departments.store(),
                new Routing(staff::staffed), config.cases().due(),
                new CasePublisher(vertx.eventBus(), staff), Clock.systemUTC());
        return new Casework(cases, new CaseViews(alerts.store(), store), departments,
                new HandlingPhotos(new ImageWork(vertx, config.reports().maxPixels())),
                new CaseStats(database.pool()));
    }
}
