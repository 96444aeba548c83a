package io.gridwatch.simulator.run;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.simulator.fleet.Fleet;
import io.gridwatch.simulator.fleet.FleetPlanner;
import io.gridwatch.simulator.fleet.FleetStateFile;
import io.gridwatch.simulator.fleet.FleetStateFile.SavedDevice;
import io.gridwatch.simulator.load.DeviceCredentials;
import io.gridwatch.simulator.scenario.ScenarioPlan;
import io.gridwatch.simulator.scenario.Sensors;
import io.gridwatch.simulator.scenario.SimulatedSensor;
import io.gridwatch.simulator.signal.Noise;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated fleet: plans it, registers what the state file does not know, connects one MQTT client per
 * device and, on one scheduler thread, sends each sensor's readings when due. The state file (tokens, next
 * sequence numbers) is written every {@code saveEvery} and on {@link #close()}; a run after a clean stop resumes
 * each device's sequence exactly, a run after a crash skips {@value #SEQ_MARGIN} ahead, more than a device can
 * use between two saves, so no number is ever used twice.
 *
 * <p>{@link #start} blocks (registration, connecting); {@link #close()} stops sending, waits up to
 * {@value #DRAIN_S} s for outstanding acknowledgements, saves the state and disconnects. Thread-safe.
 */
public final class FleetRun implements AutoCloseable {

    static final long SEQ_MARGIN = 1_000;
    static final long DRAIN_S = 5;
    private static final int CONNECT_CONCURRENCY = 200;
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(FleetRun.class);

    private final RunSettings settings;
    private final Fleet fleet;
    private final ScenarioPlan plan;
    private final List<SimulatedSensor> sensors;
    private final List<DeviceLink> links;
    private final RunStats stats;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final long startMillis;
    private final long[] due;
    private long nextSave;
    private boolean closed;

    private FleetRun(RunSettings settings, Fleet fleet, ScenarioPlan plan, List<SimulatedSensor> sensors,
            List<DeviceLink> links, RunStats stats, Clock clock) {
        this.settings = settings;
        this.fleet = fleet;
        this.plan = plan;
        this.sensors = sensors;
        this.links = links;
        this.stats = stats;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.due = new long[sensors.size()];
        for (int i = 0; i < due.length; i++) {
            long interval = sensors.get(i).intervalAfter(0).toMillis();
            due[i] = startMillis + (long) (Noise.uniform(fleet.seed(), i, 70) * interval);
        }
        this.nextSave = startMillis + settings.saveEvery().toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fleet-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Plans, registers, connects and starts sending. Blocking. */
    public static FleetRun start(RunSettings settings, Grid grid) {
        Fleet fleet = new FleetPlanner(grid).plan(settings.seed(), settings.smoke(), settings.gauges(),
                settings.gas(), settings.heat(), settings.prefix());
        ScenarioPlan plan = ScenarioPlan.of(fleet, grid, settings.incidents(), settings.fireCell());
        List<SimulatedSensor> sensors = Sensors.of(fleet, plan, settings.sensors());
        FleetStateFile.Saved saved = FleetRegistration.ensure(fleet, settings);
        long margin = saved.clean() ? 0 : SEQ_MARGIN;
        RunStats stats = new RunStats();
        MqttClientExecutorConfig executors = MqttClientExecutorConfig.builder().nettyThreads(2).build();
        List<DeviceLink> links = new ArrayList<>(sensors.size());
        for (SimulatedSensor sensor : sensors) {
            SavedDevice device = saved.devices().get(sensor.device().id());
            long firstSeq = device.nextSeq() == 0 && saved.clean() ? 0 : device.nextSeq() + margin;
            links.add(new DeviceLink(new DeviceCredentials(device.id(), device.token()), settings.broker(), firstSeq,
                    executors, stats, settings.listener()));
        }
        connectAll(links);
        FleetRun run = new FleetRun(settings, fleet, plan, sensors, links, stats, Clock.systemUTC());
        run.save(false);
        long tick = settings.tick().toMillis();
        run.scheduler.scheduleAtFixedRate(run::tick, 0, tick, TimeUnit.MILLISECONDS);
        log.info("fleet running [devices: {}, connected: {}, broker: {}]", links.size(), run.connected(),
                settings.broker());
        return run;
    }

    /** Connects every link, at most {@value #CONNECT_CONCURRENCY} at a time; the clients retry the ones that fail. */
    private static void connectAll(List<DeviceLink> links) {
        Semaphore permits = new Semaphore(CONNECT_CONCURRENCY);
        List<CompletableFuture<Void>> connects = new ArrayList<>(links.size());
        try {
            for (DeviceLink link : links) {
                permits.acquire();
                connects.add(link.connect().whenComplete((ok, e) -> permits.release()));
            }
            CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new))
                    .get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            long failed = connects.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            log.warn("not every device connected at once; the clients keep retrying [failed: {}]", failed);
        }
    }

    /** Sends what is due; runs on the scheduler thread only. */
    private void tick() {
        try {
            long now = clock.millis();
            double seconds = (now - startMillis) / 1000.0;
            for (int i = 0; i < due.length; i++) {
                DeviceLink link = links.get(i);
                link.resendWaiting();
                if (now < due[i]) {
                    continue;
                }
                SimulatedSensor sensor = sensors.get(i);
                if (!sensor.silentAt(seconds)) {
                    long seq = link.nextSeq();
                    link.send(seq, sensor.payload(seconds, now, seq));
                }
                due[i] = now + sensor.intervalAfter(seconds).toMillis();
            }
            if (now >= nextSave) {
                save(false);
                nextSave = now + settings.saveEvery().toMillis();
            }
        } catch (RuntimeException e) {
            log.warn("fleet tick failed: {}", e.toString());
        }
    }

    private void save(boolean clean) {
        List<SavedDevice> devices = links.stream()
                .map(l -> new SavedDevice(l.deviceId(), l.token(), l.peekSeq()))
                .toList();
        new FleetStateFile(settings.stateFile()).write(fleet.signature(), clean, devices);
    }

    public Fleet fleet() {
        return fleet;
    }

    public ScenarioPlan plan() {
        return plan;
    }

    public RunStats stats() {
        return stats;
    }

    /** Devices connected right now. */
    public int connected() {
        return (int) links.stream().filter(DeviceLink::isConnected).count();
    }

    /** Seconds since the run started sending. */
    public double elapsedSeconds() {
        return (clock.millis() - startMillis) / 1000.0;
    }

    /** Stops sending, waits a little for outstanding acknowledgements, saves the state, disconnects. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(DRAIN_S, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_S);
            while (unanswered() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save(true);
        int abandoned = unanswered();
        List<CompletableFuture<Void>> disconnects = links.stream()
                .map(l -> l.disconnect(Duration.ofSeconds(DRAIN_S))).toList();
        CompletableFuture.allOf(disconnects.toArray(CompletableFuture[]::new)).join();
        log.info("fleet stopped [{}, unacknowledged at stop: {}]", stats, abandoned);
    }

    private int unanswered() {
        return links.stream().mapToInt(DeviceLink::unanswered).sum();
    }
}
