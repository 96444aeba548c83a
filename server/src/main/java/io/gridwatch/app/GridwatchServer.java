package io.gridwatch.app;

import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.evaluate.RuleVerticle;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.report.ImageWork;
import io.gridwatch.report.PendingPhotos;
import io.gridwatch.report.PhotoStore;
import io.gridwatch.store.Database;
import io.gridwatch.web.HttpServerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one start-up chain: grid → database and migrations → accounts, alerts and cases ({@link ServerParts}) → rules →
 * {@code Future.all(mqtt, http, periodic duties)}. Any failure stops start-up with a {@link StartupException} whose
 * message says what to fix, and undoes what had started. {@link #stop()} is the graceful reverse: stop taking
 * readings, let in-flight ones commit (their PUBACKs go out), flush, close. What each capability needs is wired in its
 * own class: {@link ClusterWiring}, {@link AccountsWiring}, {@link MqttListening}, {@link WebWiring},
 * {@link PeriodicDuties}, {@link RuleWiring}.
 */
public final class GridwatchServer {

    private static final Logger LOG = LoggerFactory.getLogger(GridwatchServer.class);
    /** How long a failed start waits for Vert.x to close before it reports the failure anyway. */
    private static final Duration CLOSE_AFTER_FAILED_START = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final ServerParts parts;
    private final MqttListening mqtt;
    private final HttpServerVerticle http;
    /** Deployments that use the database on their own (periodic duties, rules), undeployed before it closes. */
    private final List<String> background;

    private GridwatchServer(Vertx vertx, ServerParts parts, MqttListening mqtt, HttpServerVerticle http,
            List<String> background) {
        this.vertx = vertx;
        this.parts = parts;
        this.mqtt = mqtt;
        this.http = http;
        this.background = background;
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
        CompletableFuture<GridwatchServer> result = new CompletableFuture<>();
        ClusterWiring.vertx(cluster).onComplete(made -> {
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
        ClusterWiring.countMembers(metrics, cluster);
        startOn(vertx, config, metrics, cluster).onComplete(started -> {
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

    /** Grid (on a worker) → database; what fails after the database is open closes it again. */
    private static Future<GridwatchServer> startOn(Vertx vertx, GridwatchConfig config, Metrics metrics,
            Optional<ClusterNode> cluster) {
        Future<GridLocator> grid = vertx.executeBlocking(() -> GridLoader.load(config.grid()), false);
        return grid.compose(locator -> Database.start(vertx, config.db().orElseThrow(), metrics)
                .compose(database -> ServerParts.assemble(vertx, config, locator, database, cluster)
                        .compose(parts -> deploy(vertx, config, metrics, parts))
                        .recover(failure -> database.close().transform(ignored -> Future.failedFuture(failure)))));
    }

    /** The rules' state is loaded before the first reading can arrive; then everything listens at once. */
    private static Future<GridwatchServer> deploy(Vertx vertx, GridwatchConfig config, Metrics metrics,
            ServerParts parts) {
        RuleVerticle rules = RuleWiring.rules(parts);
        return vertx.deployVerticle(rules, RuleVerticle.deployment()).compose(rulesId -> {
            MqttListening mqtt = new MqttListening(vertx, config, metrics, parts, rules);
            ImageWork images = new ImageWork(vertx, config.reports().maxPixels());
            PendingPhotos photos = new PendingPhotos(images, new PhotoStore(parts.database().pool(),
                    parts.alerts().store()), parts.alerts(), metrics);
            HttpServerVerticle http = WebWiring.server(vertx, config, metrics, parts, mqtt, images, photos);
            Future<List<String>> duties = PeriodicDuties.deploy(vertx, config, metrics, parts, photos);
            return Future.all(mqtt.deploy(), WebWiring.deploy(vertx, config, http), duties).map(all -> {
                photos.sweep(PeriodicDuties.DUTY_BATCH).onFailure(e -> LOG.warn(
                        "pending photos not swept at start [error: {}]", e.toString()));
                LOG.info("ready [http port: {}, mqtt port: {}, storage: {}]", http.actualPort(), mqtt.port(),
                        parts.database().mode().id());
                List<String> background = new ArrayList<>(duties.result());
                background.add(rulesId);
                return new GridwatchServer(vertx, parts, mqtt, http, List.copyOf(background));
            });
        });
    }

    /** This node's id in the cluster; empty for a single node. */
    public Optional<String> clusterNode() {
        return parts.cluster().map(ClusterNode::nodeId);
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int mqttPort() {
        return mqtt.port();
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
        Future<Void> drained = mqtt.stop()
                .compose(v -> database.readings().flush())
                .compose(v -> vertx.undeploy(http.deploymentID()))
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
}
