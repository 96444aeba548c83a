package io.gridwatch.simulator.load;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the fleet's connections on shared event-loop threads and connects them with a bounded number of
 * CONNECTs outstanding, so that thousands of connections neither storm the broker nor need thousands of threads.
 */
final class ConnectionPool {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    private ConnectionPool() {
    }

    /** Connects one {@link LoadConnection} per device; returns those that connected, fails if none did. */
    static List<LoadConnection> connect(LoadSettings settings, List<DeviceCredentials> devices,
            LoadCounters counters) {
        MqttClientExecutorConfig executors = MqttClientExecutorConfig.builder()
                .nettyThreads(settings.nettyThreads())
                .build();
        MqttQos qos = settings.qos() == 1 ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE;
        Semaphore permits = new Semaphore(settings.connectConcurrency());
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<LoadConnection> all = new ArrayList<>(devices.size());
        List<CompletableFuture<Void>> attempts = new ArrayList<>(devices.size());
        long start = System.nanoTime();
        for (DeviceCredentials device : devices) {
            LoadClient client = settings.mqttVersion() == 5
                    ? new Mqtt5LoadClient(settings.broker(), device, qos, executors)
                    : new Mqtt3LoadClient(settings.broker(), device, qos, executors);
            LoadConnection connection = new LoadConnection(device, client, settings.inflight(), counters);
            all.add(connection);
            permits.acquireUninterruptibly();
            attempts.add(client.connect(connection).whenComplete((ok, error) -> {
                permits.release();
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
            }));
        }
        awaitAll(attempts);
        List<LoadConnection> connected = all.stream().filter(c -> c.client().isConnected()).toList();
        log.info("connected [connections: {} of {}, failed: {}, seconds: {}]", connected.size(), devices.size(),
                failures.get(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
        if (connected.isEmpty()) {
            Throwable cause = firstFailure.get();
            throw new LoadException("no connection to " + settings.broker() + " succeeded"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        if (failures.get() > 0) {
            log.warn("some connections failed [failed: {}, first: {}]", failures.get(), firstFailure.get());
        }
        return connected;
    }

    private static void awaitAll(List<CompletableFuture<Void>> attempts) {
        try {
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
                    .exceptionally(error -> null)
                    .get(2, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("connecting took too long; going on with the connections that are up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while connecting", e);
        }
    }

    /** Disconnects every connection, waiting a few seconds at most. */
    static void disconnect(List<LoadConnection> connections) {
        List<CompletableFuture<Void>> closing = connections.stream()
                .filter(c -> c.client().isConnected())
                .map(c -> c.client().disconnect().exceptionally(error -> null))
                .toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("some connections did not close in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
