package io.gridwatch.app;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.broker.BrokerLink;
import io.gridwatch.broker.BrokerSubscriber;
import io.gridwatch.broker.MqttHooks;
import io.gridwatch.casework.CasePublisher;
import io.gridwatch.cluster.Changes;
import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.casework.CaseService;
import io.gridwatch.casework.CaseStats;
import io.gridwatch.casework.CaseStore;
import io.gridwatch.casework.CaseViews;
import io.gridwatch.casework.Casework;
import io.gridwatch.casework.HandlingPhotos;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.department.DepartmentStore;
import io.gridwatch.department.Departments;
import io.gridwatch.outbox.Outbox;
import io.gridwatch.outbox.OutboxConfig;
import io.gridwatch.outbox.OutboxRelay;
import io.gridwatch.config.MqttConfig;
import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.device.SecretHasher;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.dispatch.AlertPublisher;
import io.gridwatch.dispatch.EscalationRounds;
import io.gridwatch.dispatch.Routing;
import io.gridwatch.dispatch.StaffDirectory;
import io.gridwatch.evaluate.DeviceOwners;
import io.gridwatch.evaluate.RuleVerticle;
import io.gridwatch.evaluate.SilenceRounds;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.keys.ApiKeyStore;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.ingest.MirroredDirectory;
import io.gridwatch.incident.IncidentFeedback;
import io.gridwatch.ingest.MqttIngestOptions;
import io.gridwatch.ingest.MqttIngestServer;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.model.Reading;
import io.gridwatch.open311.Open311Store;
import io.gridwatch.people.LoginService;
import io.gridwatch.people.PasswordHashing;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import io.gridwatch.people.Roster;
import io.gridwatch.people.TokenVersions;
import io.gridwatch.report.ImageWork;
import io.gridwatch.report.PendingPhotos;
import io.gridwatch.report.PhotoStore;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.Ratings;
import io.gridwatch.report.Tracking;
import io.gridwatch.report.ReportStore;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.rules.RuleSettings;
import io.gridwatch.rules.Urgency;
import io.gridwatch.store.AfterStore;
import io.gridwatch.store.ReadingSink;
import io.gridwatch.store.Database;
import io.gridwatch.store.ReadingSink;
import io.gridwatch.web.HttpServerVerticle;
import io.gridwatch.web.Services;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one start-up chain: grid → database and migrations → roster bootstrap →
 * {@code Future.all(mqtt, http)}. Any failure stops start-up with a {@link StartupException} whose
 * message says what to fix, and undoes what had started. {@link #stop()} is the graceful reverse:
 * stop taking readings, let in-flight ones commit (their PUBACKs go out), flush, close.
 */
public final class GridwatchServer {

    private static final Logger LOG = LoggerFactory.getLogger(GridwatchServer.class);
    /** How often due escalations are looked for: the deadlines are minutes, a second late is nothing. */
    private static final Duration ESCALATION_CHECK = Duration.ofSeconds(1);
    /** How often incidents' case steps are queued for the systems that handed them over. */
    private static final Duration FEEDBACK_CHECK = Duration.ofSeconds(1);
    /** Rows one round of a periodic duty takes at most (overdue cases, incident feedback); the rest wait a round. */
    private static final int DUTY_BATCH = 200;
    /** How often photos left pending without a live lease are looked for (the upload itself is queued at once). */
    private static final Duration PHOTO_SWEEP = Duration.ofSeconds(10);
    /** How often silent devices are looked for: offline means minutes of silence. */
    private static final Duration SILENCE_CHECK = Duration.ofSeconds(5);
    /** How long a failed start waits for Vert.x to close before it reports the failure anyway. */
    private static final Duration CLOSE_AFTER_FAILED_START = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Parts parts;
    private final Listeners listeners;
    /** Deployments that use the database on their own (escalation, rules), undeployed before it closes. */
    private final List<String> background;

    private GridwatchServer(Vertx vertx, Parts parts, Listeners listeners, List<String> background) {
        this.vertx = vertx;
        this.parts = parts;
        this.listeners = listeners;
        this.background = background;
    }

    /** What the servers are built from, once the database is ready. */
    private record Parts(GridLocator locator, Database database, MirroredDirectory directory,
            Services.Accounts accounts, AlertLifecycle alerts, StaffDirectory staff, Casework casework,
            Optional<ClusterNode> cluster, Changes changes) {
    }

    /**
     * The listening verticles; {@code mqttListening} is what {@code /health} reports for MQTT, turned off
     * first when stopping; {@code broker} the broker-mode subscriber's deployment, when there is one.
     */
    private record Listeners(MqttIngestServer mqtt, AtomicBoolean mqttListening, HttpServerVerticle http,
            Optional<String> broker) {
    }

    /**
     * Starts everything on a new Vert.x instance (clustered, after joining the cluster, when {@code config.cluster()}
     * says so); {@code config.db()} must be present. On failure the instance is closed and the future fails with a
     * {@link StartupException} (a cluster port that is taken included).
     */
    public static CompletableFuture<GridwatchServer> start(GridwatchConfig config) {
        Optional<ClusterNode> cluster;
        try {
            cluster = config.cluster().map(ClusterNode::of);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(StartupFailures.explain(e, config));
        }
        // without a cluster exactly as always: a plain Vert.x, made at once
        Future<Vertx> created = cluster.map(node -> node.start(new VertxOptions())
                        .recover(failure -> Future.<Vertx>failedFuture(new StartupException(failure.getMessage(), failure))))
                .orElseGet(() -> Future.succeededFuture(Vertx.vertx()));
        CompletableFuture<GridwatchServer> result = new CompletableFuture<>();
        created.onComplete(made -> {
            if (made.failed()) {
                result.completeExceptionally(StartupFailures.explain(made.cause(), config));
            } else {
                start(made.result(), config, cluster, result);
            }
        });
        return result;
    }

    private static void start(Vertx vertx, GridwatchConfig config, Optional<ClusterNode> cluster,
            CompletableFuture<GridwatchServer> result) {
        // e.g. an upload cancelled at the body limit while its file was opening: one line, the stack only for debugging
        vertx.exceptionHandler(failure -> {
            LOG.warn("unhandled exception [type: {}]: {}", failure.getClass().getName(), failure.getMessage());
            LOG.debug("unhandled exception", failure);
        });
        Metrics metrics = new Metrics();
        cluster.ifPresent(node -> metrics.gauge("gridwatch_cluster_members", "Members of the cluster, this node included",
                node::members));
        Steps.start(vertx, config, metrics, cluster).onComplete(started -> {
            if (started.succeeded()) {
                result.complete(started.result());
                return;
            }
            // bounded: a close that hangs (a worker still blocked on an unreachable database) must not keep the
            // process from exiting with its one line
            CompletableFuture.runAsync(() -> { })
                    .thenCompose(ignored -> vertx.close().toCompletionStage().toCompletableFuture()
                            .completeOnTimeout(null, CLOSE_AFTER_FAILED_START.toSeconds(), TimeUnit.SECONDS))
                    .whenComplete((closed, e) -> result.completeExceptionally(StartupFailures.explain(started.cause(), config)));
        });
    }

    /** This node's id in the cluster; empty for a single node. */
    public Optional<String> clusterNode() {
        return parts.cluster().map(ClusterNode::nodeId);
    }

    public int httpPort() {
        return listeners.http().actualPort();
    }

    public int mqttPort() {
        return listeners.mqtt().actualPort();
    }

    public GridLocator locator() {
        return parts.locator();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The alert lifecycle, on this server's event bus. */
    public AlertLifecycle alerts() {
        return parts.alerts();
    }

    /**
     * Graceful shutdown; completes when everything is closed. Vert.x itself is closed from a thread
     * of its own: a Vert.x instance cannot report its own closing to a callback it runs.
     */
    public CompletableFuture<Void> stop() {
        LOG.info("stopping");
        Database database = parts.database();
        listeners.mqttListening().set(false);
        Future<Void> drained = Future.all(vertx.undeploy(listeners.mqtt().deploymentID()),
                        listeners.broker().map(vertx::undeploy).orElseGet(Future::succeededFuture))
                .compose(v -> database.readings().flush())
                .compose(v -> vertx.undeploy(listeners.http().deploymentID()))
                .compose(v -> Future.all(background.stream().map(vertx::undeploy).toList()).<Void>mapEmpty())
                .eventually(database::close);
        return drained.toCompletionStage().toCompletableFuture()
                .handle((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("shutdown was not clean: {}", failure.getMessage());
                    }
                    return null;
                })
                .thenComposeAsync(ignored -> vertx.close().toCompletionStage())
                .thenRun(() -> LOG.info("stopped"));
    }

    /** The start-up steps, in order. */
    private static final class Steps {

        static Future<GridwatchServer> start(Vertx vertx, GridwatchConfig config, Metrics metrics,
                Optional<ClusterNode> cluster) {
            Future<GridLocator> grid = vertx.executeBlocking(() -> GridLoader.load(config.grid()), false);
            return grid.compose(locator -> Database.start(vertx, config.db().orElseThrow(), metrics)
                    .compose(database -> afterDatabase(vertx, config, metrics, locator, database, cluster)
                            .recover(failure -> database.close().transform(ignored -> Future.failedFuture(failure)))));
        }

        private static Future<GridwatchServer> afterDatabase(Vertx vertx, GridwatchConfig config, Metrics metrics,
                GridLocator locator, Database database, Optional<ClusterNode> cluster) {
            PeopleStore people = new PeopleStore(database.pool());
            PasswordHashing passwords = new PasswordHashing(vertx);
            Future<Integer> units = database.gridUnits().replaceAll(locator.grid());
            Future<Void> admin = bootstrapAdmin(passwords, config, people, locator);
            StaffDirectory staff = new StaffDirectory(people);
            Future<JWTAuth> jwt = config.jwtSecret().map(Future::succeededFuture)
                    .orElseGet(() -> people.setting("jwt_secret", SecretHasher::newToken))
                    .map(secret -> JWTAuth.create(vertx, new JWTAuthOptions()
                            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))));
            MirroredDirectory directory = new MirroredDirectory(database.devices());
            Future<Void> mirrored = database.devices().allCredentials()
                    .onSuccess(all -> all.forEach(directory::remember))
                    .onSuccess(all -> LOG.info("devices known to mqtt log-in [count: {}]", all.size()))
                    .mapEmpty();
            Changes changes = cluster.isPresent() ? Changes.clustered(vertx) : Changes.SINGLE_NODE;
            // what another node changed: read again here (the periodic re-reads heal a lost announcement)
            changes.on(Changes.Topic.PEOPLE, ids -> staff.reload());
            changes.on(Changes.Topic.DEVICES, ids -> database.devices().credentials(ids)
                    .onSuccess(found -> found.forEach(directory::remember))
                    .onFailure(e -> LOG.warn("cannot read devices another node registered: {}", e.toString())));
            TokenVersions tokens = new TokenVersions(vertx, people, changes);
            AlertLifecycle alerts = alerts(vertx, config, database, staff);
            Departments departments = new Departments(new DepartmentStore(database.pool()), locator.grid());
            Roster roster = new Roster(passwords, people, locator.grid(), staff::reload,
                    id -> departments.store().find(id).map(Optional::isPresent));
            return Future.all(units, admin, jwt, mirrored)
                    .compose(ignored -> staff.reload())
                    .compose(ignored -> tokens.start())
                    .compose(ignored -> LoginService.create(passwords, people, jwt.result()))
                    .compose(logins -> deploy(vertx, config, metrics, new Parts(locator, database, directory,
                            new Services.Accounts(jwt.result(), logins, roster, tokens), alerts, staff,
                            casework(vertx, config, database, alerts, departments, staff), cluster, changes)));
        }

        /** Alerts: routed by the roster, escalated by the configured deadlines, published per person. */
        private static AlertLifecycle alerts(Vertx vertx, GridwatchConfig config, Database database,
                StaffDirectory staff) {
            return new AlertLifecycle(new AlertStore(database.pool()), new Routing(staff::staffed),
                    config.escalateAfter(), new AlertPublisher(vertx.eventBus(), staff), Clock.systemUTC());
        }

        /** Cases: dispatched to departments, on the alerts' store, told to people and to the outbox. */
        private static Casework casework(Vertx vertx, GridwatchConfig config, Database database,
                AlertLifecycle alerts, Departments departments, StaffDirectory staff) {
            CaseStore store = new CaseStore(database.pool());
            CaseService cases = new CaseService(alerts.store(), store, departments.store(),
                    new Routing(staff::staffed), config.cases().due(),
                    new CasePublisher(vertx.eventBus(), staff), Clock.systemUTC());
            return new Casework(cases, new CaseViews(alerts.store(), store), departments,
                    new HandlingPhotos(new ImageWork(vertx, config.reports().maxPixels())),
                    new CaseStats(database.pool()));
        }

        private static Future<GridwatchServer> deploy(Vertx vertx, GridwatchConfig config, Metrics metrics, Parts parts) {
            Database database = parts.database();
            RuleVerticle rules = new RuleVerticle(new RuleEngine(RuleSettings.DEFAULTS), parts.directory()::device,
                    parts.locator().grid(), parts.alerts(), parts.alerts().store(), database.devices(), Clock.systemUTC(),
                    SILENCE_CHECK, parts.changes());
            // the rules' state is loaded before the first reading can arrive
            return vertx.deployVerticle(rules, RuleVerticle.deployment()).compose(id -> listen(vertx, config, metrics, parts, rules, id));
        }

        private static Future<GridwatchServer> listen(Vertx vertx, GridwatchConfig config, Metrics metrics, Parts parts,
                RuleVerticle rules, String rulesId) {
            GridLocator locator = parts.locator();
            Database database = parts.database();
            // answers known devices at once: a device may pipeline PUBLISHes right behind its CONNECT
            // the one reading path, for the own listener and broker mode alike: stored (a reading that may raise an
            // alert in the urgent lane), then judged
            MirroredDirectory directory = parts.directory();
            Predicate<Reading> urgent = reading -> directory.device(reading.deviceId())
                    .map(d -> Urgency.of(d, reading)).orElse(false);
            ReadingSink readings = new AfterStore(database.readings(), urgent, rules::offer);
            MqttIngestServer mqtt = new MqttIngestServer(mqttOptions(config.mqtt()), parts.directory(), readings,
                    metrics, Clock.systemUTC());
            Optional<BrokerLink> brokerLink = config.mqtt().broker().map(b -> new BrokerLink(b, Clock.systemUTC()));
            Optional<MqttHooks> hooks = config.mqtt().hookSecret()
                    .map(secret -> new MqttHooks(secret, parts.directory(), config.mqtt().broker(), metrics));
            AtomicBoolean mqttListening = new AtomicBoolean();
            ImageWork images = new ImageWork(vertx, config.reports().maxPixels());
            PendingPhotos photos = new PendingPhotos(images, new PhotoStore(database.pool(), parts.alerts().store()),
                    parts.alerts(), metrics);
            DeviceRegistry registry = new DeviceRegistry(vertx, database.devices(), locator, Clock.systemUTC(),
                    registered -> {
                        registered.forEach(parts.directory()::remember);
                        parts.changes().announce(Changes.Topic.DEVICES,
                                registered.stream().map(c -> c.device().id()).toList());
                    });
            HttpServerVerticle http = new HttpServerVerticle(config.http(), new Services(parts.accounts(),
                    new Services.Devices(registry, database.devices()), locator, parts.alerts(),
                    new Services.Reports(reports(vertx, config, parts, images, photos), config.reports()), parts.casework(),
                    new Services.Monitoring(metrics, database::healthy, mqttListening::get, database.mode().id(),
                            parts.cluster()),
                    new Services.Residents(new Tracking(database.pool()),
                            new Ratings(database.pool(), parts.alerts(), Clock.systemUTC()),
                            new ApiKeys(new ApiKeyStore(database.pool()), Clock.systemUTC()),
                            new Open311Store(database.pool(), locator.grid())),
                    new Services.Broker(brokerLink, hooks)));
            Future<String> escalation = vertx.deployVerticle(new PeriodicDuty("escalation", ESCALATION_CHECK,
                    new EscalationRounds(parts.alerts(), parts.staff())));
            Future<String> overdue = vertx.deployVerticle(new PeriodicDuty("overdue", ESCALATION_CHECK,
                    () -> parts.casework().cases().overdueDue(DUTY_BATCH).map(List::size)));
            Future<String> relay = vertx.deployVerticle(new OutboxRelay(new Outbox(database.pool()),
                    OutboxConfig.DEFAULTS.withMaxBackoff(config.cases().notifyMaxBackoff()), metrics,
                    Clock.systemUTC()));
            Future<String> mqttUp = vertx.deployVerticle(mqtt)
                    .onSuccess(id -> mqttListening.set(true))
                    .recover(failure -> Future.failedFuture(new StartupException(
                            "cannot listen for MQTT on port " + config.mqtt().port() + ": " + failure.getMessage(), failure)));
            Future<String> httpUp = vertx.deployVerticle(http)
                    .recover(failure -> Future.failedFuture(new StartupException(
                            "cannot listen for HTTP on port " + config.http().port() + ": " + failure.getMessage(), failure)));
            // every step of an incident's case goes back to the system that handed it over, through the outbox
            IncidentFeedback incidentFeedback = new IncidentFeedback(database.pool(), Clock.systemUTC());
            Future<String> feedback = vertx.deployVerticle(new PeriodicDuty("incident feedback", FEEDBACK_CHECK,
                    () -> incidentFeedback.round(DUTY_BATCH)));
            // residents' photos answered but not yet sanitised (a restart, a node gone) are taken up again
            Future<String> photoSweep = vertx.deployVerticle(new PeriodicDuty("photo sanitising", PHOTO_SWEEP,
                    () -> photos.sweep(DUTY_BATCH)));
            // broker mode: does not wait for the broker (it is shown in /health and tried again until it answers)
            Future<Optional<String>> broker = config.mqtt().broker()
                    .map(b -> vertx.deployVerticle(new BrokerSubscriber(b, parts.directory(),
                            brokerReadings(vertx, parts, rules, readings, urgent), metrics, brokerLink.orElseThrow(),
                            Clock.systemUTC())).map(Optional::of))
                    .orElseGet(() -> Future.succeededFuture(Optional.empty()));
            // on a cluster silence is judged from the database, by one node per round (a single node judges it in the
            // rules verticle, from what it heard itself)
            Future<String> silence = parts.cluster().isEmpty() ? Future.succeededFuture()
                    : vertx.deployVerticle(new PeriodicDuty("offline", SILENCE_CHECK, new SilenceRounds(database.pool(),
                            database.devices(), new RuleEngine(RuleSettings.DEFAULTS), RuleSettings.DEFAULTS,
                            parts.alerts(), locator.grid(), parts.changes(), Clock.systemUTC())));
            return Future.all(List.of(mqttUp, httpUp, escalation, overdue, relay, feedback, photoSweep, broker, silence))
                    .map(all -> {
                photos.sweep(DUTY_BATCH).onFailure(e -> LOG.warn("pending photos not swept at start [error: {}]",
                        e.toString()));
                LOG.info("ready [http port: {}, mqtt port: {}, storage: {}]", http.actualPort(), mqtt.actualPort(),
                        database.mode().id());
                return new GridwatchServer(vertx, parts, new Listeners(mqtt, mqttListening, http, broker.result()),
                        Stream.of(escalation.result(), overdue.result(), relay.result(), feedback.result(),
                                photoSweep.result(), silence.result(), rulesId).filter(Objects::nonNull).toList());
            });
        }

        /**
         * Where broker mode writes: the same storage, but on a cluster each reading is judged on its device's owner node
         * (the broker's shared subscription spreads one device over every node).
         */
        private static ReadingSink brokerReadings(Vertx vertx, Parts parts, RuleVerticle rules, ReadingSink readings,
                Predicate<Reading> urgent) {
            if (parts.cluster().isEmpty()) {
                LOG.warn("broker mode without GRIDWATCH_CLUSTER: run this node alone; several broker-mode nodes must "
                        + "form a cluster, or each judges only the readings the broker happens to hand it");
                return readings;
            }
            DeviceOwners owners = new DeviceOwners(vertx, parts.cluster().get(), rules::offer);
            return new AfterStore(parts.database().readings(), urgent, owners::offer);
        }

        /** Snap-and-report: residents' photos become report alerts through the same lifecycle. */
        private static ReportService reports(Vertx vertx, GridwatchConfig config, Parts parts, ImageWork images,
                PendingPhotos photos) {
            return new ReportService(vertx, new ReportStore(parts.database().pool(), parts.alerts().store()),
                    parts.alerts(), parts.locator(), config.reports(), Clock.systemUTC(), images, photos);
        }

        private static Future<Void> bootstrapAdmin(PasswordHashing passwords, GridwatchConfig config,
                PeopleStore people, GridLocator locator) {
            if (config.adminPassword().isEmpty()) {
                return Future.succeededFuture();
            }
            String district = locator.grid().district().id();
            return passwords.hash(config.adminPassword().get())
                    .compose(hash -> people.upsert(new Person("admin", "Administrator", Role.ADMIN, district, null, hash)))
                    .onSuccess(v -> LOG.info("user admin created or reset with the configured password"));
        }

        private static MqttIngestOptions mqttOptions(MqttConfig mqtt) {
            MqttIngestOptions options = MqttIngestOptions.defaults().withHost(mqtt.host()).withPort(mqtt.port());
            return mqtt.tls() == null ? options
                    : options.withTls(new MqttIngestOptions.Tls(mqtt.tls().certificate(), mqtt.tls().key()));
        }
    }
}
