package io.gridwatch.outbox;

import io.gridwatch.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every {@code period} it leases the due heads of streams (one message per stream, so a stream
 * stays in order), posts them side by side, and marks each sent, or failed with the next attempt after an
 * exponential back-off (1 s, 2 s, 4 s, … up to {@link OutboxConfig#maxBackoff()}), given up after
 * {@link OutboxConfig#maxAttempts()}. A lease outlives a slow receiver's timeout, so a message is with one node at a
 * time; a node that dies mid-delivery lets its lease run out and another node delivers again (at least once: json
 * receivers drop repeats by {@code X-Gridwatch-Delivery}). Never blocks a case: the case committed long before.
 *
 * <p>Metrics: {@code gridwatch_outbox_sent_total}, {@code gridwatch_outbox_failed_total} (failed attempts),
 * {@code gridwatch_outbox_dead_total} (given up), {@code gridwatch_outbox_pending} (read from the database).
 */
public final class OutboxRelay extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 64;
    private static final int MAX_ERROR_CHARS = 500;

    private final Outbox outbox;
    private final OutboxConfig config;
    private final Clock clock;
    private final LongAdder sent;
    private final LongAdder failed;
    private final LongAdder dead;
    private final AtomicLong pending = new AtomicLong();
    private HttpClient client;
    private long timer;
    private boolean running;

    public OutboxRelay(Outbox outbox, OutboxConfig config, Metrics metrics, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.sent = metrics.counter("gridwatch_outbox_sent_total", "Notifications delivered");
        this.failed = metrics.counter("gridwatch_outbox_failed_total", "Notification delivery attempts that failed");
        this.dead = metrics.counter("gridwatch_outbox_dead_total", "Notifications given up after the last attempt");
        metrics.gauge("gridwatch_outbox_pending", "Notifications waiting to be delivered", pending::get);
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.timeout().toMillis())
                .setIdleTimeout(30));
        timer = vertx.setPeriodic(config.period().toMillis(), id -> tick());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        client.close();
        return Future.succeededFuture();
    }

    private void tick() {
        if (running) {
            return;
        }
        running = true;
        Instant now = clock.instant();
        outbox.lease(now, BATCH, now.plus(config.timeout()).plus(config.timeout()))
                .compose(this::deliverAll)
                .compose(ignored -> outbox.pending())
                .onSuccess(pending::set)
                .onFailure(e -> LOG.warn("cannot relay the outbox, will retry: {}", e.toString()))
                .onComplete(done -> running = false);
    }

    private Future<Void> deliverAll(List<OutboxMessage> leased) {
        return Future.join(leased.stream().map(this::deliver).toList()).mapEmpty();
    }

    private Future<Void> deliver(OutboxMessage message) {
        Delivery delivery = Delivery.of(message, clock.millis());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(delivery.url())
                .setIdleTimeout(config.timeout().toMillis()).putHeader("content-type", "application/json")
                .putHeader("user-agent", "gridwatch");
        delivery.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(delivery.body())))
                .compose(response -> response.body().compose(body -> {
                    String refused = refusal(message.target().format(), response.statusCode(), body);
                    return refused == null ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(refused);
                }))
                .transform(result -> result.succeeded() ? delivered(message) : retry(message, result.cause()));
    }

    private Future<Void> delivered(OutboxMessage message) {
        sent.increment();
        return outbox.sent(message.id(), clock.instant());
    }

    private Future<Void> retry(OutboxMessage message, Throwable cause) {
        failed.increment();
        int attempts = message.attempts() + 1;
        String error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        error = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        Instant now = clock.instant();
        boolean giveUp = attempts >= config.maxAttempts();
        if (giveUp) {
            dead.increment();
            LOG.warn("notification given up [outbox: {}, stream receiver: {}, attempts: {}]: {}", message.id(),
                    receiver(message), attempts, error);
        } else {
            LOG.debug("notification failed, will retry [outbox: {}, attempts: {}]: {}", message.id(), attempts, error);
        }
        return outbox.failed(message.id(), now.plus(backoff(attempts)), error, giveUp ? now : null);
    }

    /** 1 s after the first failure, doubling, at most the configured maximum. */
    Duration backoff(int attempts) {
        long seconds = 1L << Math.min(20, attempts - 1);
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Why the receiver did not take it, or null when it did: a non-2xx status, or a robot's non-zero errcode. */
    private static String refusal(NotifyTarget.Format format, int status, Buffer body) {
        if (status / 100 != 2) {
            return "http status " + status;
        }
        if (format == NotifyTarget.Format.JSON) {
            return null;
        }
        try {
            JsonObject reply = body.length() == 0 ? null : new JsonObject(body);
            int code = reply == null ? 0 : reply.getInteger("errcode", 0);
            return code == 0 ? null : "robot errcode " + code + ": " + reply.getString("errmsg", "");
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    /** The receiver part of the stream, for logs: never the URL (robot keys live there). */
    private static String receiver(OutboxMessage message) {
        int bar = message.stream().indexOf('|');
        return bar < 0 ? message.stream() : message.stream().substring(0, bar);
    }
}
