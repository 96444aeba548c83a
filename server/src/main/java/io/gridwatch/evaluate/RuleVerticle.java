package io.gridwatch.evaluate;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.cluster.Changes;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.metrics.AlarmStage;
import io.gridwatch.model.Device;
import io.gridwatch.model.Reading;
import io.gridwatch.rules.Decision;
import io.gridwatch.rules.DeviceRuleState;
import io.gridwatch.rules.RuleEngine;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every stored reading with the {@link RuleEngine} and checks every device's silence on a timer, then hands
 * the decisions to the {@link AlertLifecycle}, in order per device.
 *
 * <p>Readings arrive from the storage's thread through {@link #offer}, which only queues them; one drain per burst
 * runs on this verticle's context, which alone touches the rules' per-device state. A rule runs in microseconds, so
 * one thread keeps up with the whole ingest; the alert writes are asynchronous. Deploy it with {@link #deployment()}:
 * on a thread of its own, it never waits behind the MQTT endpoint's socket work, as it did on the event loop the two
 * happened to share (issue 18's alarm trace: most of an alarm's delay at 20,000 readings/s).
 *
 * <p>A decision whose alert write fails (the database is down) is logged and dropped: the rule's state has moved
 * on, but a condition that persists raises again on its next reading, which opens the alert then.
 */
public final class RuleVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RuleVerticle.class);

    private final RuleEngine engine;
    private final Function<String, Optional<Device>> devices;
    private final Grid grid;
    private final AlertLifecycle lifecycle;
    private final RuleStateSeed seed;
    private final Clock clock;
    private final Duration tick;
    private final Queue<Reading> inbox = new ConcurrentLinkedQueue<>();
    private final Queue<Reading> urgentInbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Map<String, DeviceRuleState> states = new HashMap<>();
    private final DeviceQueues queues = new DeviceQueues();
    private final StateRecall recall;
    private final LongAdder failedWrites = new LongAdder();
    private long timer;

    /**
     * @param devices the registered devices (their kind, thresholds and cell)
     * @param tick how often silent devices are checked
     */
    public RuleVerticle(RuleEngine engine, Function<String, Optional<Device>> devices, Grid grid,
            AlertLifecycle lifecycle, AlertStore alerts, DeviceStore deviceStore, Clock clock, Duration tick) {
        this(engine, devices, grid, lifecycle, alerts, deviceStore, clock, tick, Changes.SINGLE_NODE);
    }

    /**
     * On a node of a cluster ({@code changes} clustered): a device's state is recalled from the database when it shows
     * up here ({@link StateRecall}), and silence is not judged here but from the database, once for the whole
     * cluster ({@link SilenceRounds}).
     */
    public RuleVerticle(RuleEngine engine, Function<String, Optional<Device>> devices, Grid grid,
            AlertLifecycle lifecycle, AlertStore alerts, DeviceStore deviceStore, Clock clock, Duration tick,
            Changes changes) {
        this.recall = changes.clustered() ? StateRecall.clustered(engine, alerts, deviceStore, clock, changes)
                : StateRecall.SINGLE_NODE;
        this.engine = engine;
        this.devices = devices;
        this.grid = grid;
        this.lifecycle = lifecycle;
        this.seed = new RuleStateSeed(alerts, deviceStore, engine);
        this.clock = clock;
        this.tick = tick;
    }

    /**
     * How to deploy it: a worker context on a pool of one thread of its own (judging never blocks; it only needs a
     * thread that nothing busy shares).
     */
    public static DeploymentOptions deployment() {
        return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                .setWorkerPoolName("gridwatch-rules").setWorkerPoolSize(1);
    }

    @Override
    public Future<?> start() {
        return seed.load(clock.instant()).onSuccess(loaded -> {
            states.putAll(loaded);
            LOG.info("rules ready [devices with state: {}]", loaded.size());
            if (recall == StateRecall.SINGLE_NODE) {
                timer = vertx.setPeriodic(tick.toMillis(), id -> judgeSilence());
            }
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** Queues a stored reading for judgement. Thread-safe, never blocks; call it only after the reading is durable. */
    public void offer(Reading reading) {
        offer(reading, false);
    }

    /**
     * Queues a stored reading; an urgent one (it may raise an alert) is judged before every ordinary one still
     * queued. Thread-safe, never blocks; call it only after the reading is durable.
     */
    public void offer(Reading reading, boolean urgent) {
        (urgent ? urgentInbox : inbox).add(reading);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** Whether nothing is queued and no alert write is in flight (checked on the verticle's context). */
    Future<Boolean> idle() {
        Promise<Boolean> idle = Promise.promise();
        context.runOnContext(v -> idle.complete(inbox.isEmpty() && urgentInbox.isEmpty() && queues.busy() == 0));
        return idle.future();
    }

    /** How many alert writes have failed since start. */
    public long failedWrites() {
        return failedWrites.sum();
    }

    private void drain() {
        drainScheduled.set(false);
        // urgent readings first, also those that arrive while a long run of ordinary ones is judged
        while (true) {
            Reading urgent = urgentInbox.poll();
            if (urgent != null) {
                judge(urgent);
                AlarmStage.mark(urgent.deviceId(), "judged");
                continue;
            }
            Reading ordinary = inbox.poll();
            if (ordinary == null) {
                return;
            }
            judge(ordinary);
        }
    }

    private void judge(Reading reading) {
        Optional<Device> device = devices.apply(reading.deviceId());
        if (device.isEmpty()) {
            LOG.debug("reading of an unknown device not judged [device-id: {}]", reading.deviceId());
            return;
        }
        if (recall.defer(device.get(), reading, this::recalled)) {
            return;
        }
        DeviceRuleState state = states.computeIfAbsent(reading.deviceId(), DeviceRuleState::new);
        decide(device.get(), engine.onReading(state, device.get(), reading));
    }

    /** A device's state recalled from the database (null: keep this node's), then the readings held meanwhile. */
    private void recalled(DeviceRuleState state, List<Reading> held) {
        if (state != null) {
            states.put(state.deviceId(), state);
        }
        held.forEach(this::judge);
    }

    private void judgeSilence() {
        for (Decision decision : engine.onTick(states.values(), clock.instant())) {
            devices.apply(deviceId(decision)).ifPresent(device -> decide(device, List.of(decision)));
        }
    }

    private void decide(Device device, List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        Optional<GridPath> path = Optional.ofNullable(device.cellId()).flatMap(grid::path);
        if (path.isEmpty()) {
            LOG.warn("device is in no cell of the grid, its alerts cannot be routed [device-id: {}, cell: {}]",
                    device.id(), device.cellId());
            return;
        }
        for (Decision decision : decisions) {
            queues.then(device.id(), () -> lifecycle.apply(decision, path.get()).onFailure(e -> {
                failedWrites.increment();
                LOG.warn("cannot record an alert decision [device-id: {}, decision: {}]: {}", device.id(),
                        decision.getClass().getSimpleName(), e.toString());
            }).recover(e -> Future.succeededFuture()));
        }
    }

    private static String deviceId(Decision decision) {
        if (decision instanceof Decision.Raise raise) {
            return raise.deviceId();
        }
        if (decision instanceof Decision.Clear clear) {
            return clear.deviceId();
        }
        throw new IllegalArgumentException("no device in " + decision);
    }
}
