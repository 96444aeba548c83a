package io.gridwatch.report;

import io.gridwatch.alert.AlertEventType;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.error.ClientError;
import io.gridwatch.metrics.Metrics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sanitises residents' photos after the resident has had the answer. The database holds the to-do (pending rows,
 * {@link PhotoStore}); this node's queue only says what to take next: a new upload is offered at once, and
 * {@link #sweep} offers what is pending without a live lease (after a restart, or from a node that died). At most
 * {@link ImageWork#THREADS} photos are in work at a time. A new upload's bytes are kept with its id while they fit in
 * {@link #MAX_HELD_BYTES} (the database then does not send 2 MB back); otherwise, and for a swept photo, they are
 * read from the database when taken, so memory stays bounded.
 *
 * <p>A photo that is not a clean JPEG or PNG after all (damaged past its header) is marked {@code failed}: never
 * served, never listed, and the resident's tracking page says so. A photo whose work fails otherwise (the database
 * away, the JVM stopped) stays pending and is taken again when its lease ends, {@link #MAX_ATTEMPTS} times at most.
 * A clean photo is listed in its alert and the alert announced as {@code updated}. Thread-safe.
 */
public final class PendingPhotos {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPhotos.class);
    static final int MAX_ATTEMPTS = 3;
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Ids beyond this wait in the database for a sweep. */
    private static final int MAX_QUEUED = 10_000;
    /** Uploads held in memory for the queue at most: a few seconds of work at 10 MB a photo. */
    static final long MAX_HELD_BYTES = 64L * 1024 * 1024;

    private final ImageWork images;
    private final PhotoStore store;
    private final AlertLifecycle alerts;
    private final LongAdder cleaned;
    private final LongAdder failed;
    private final Deque<Long> waiting = new ArrayDeque<>();
    private final Set<Long> queued = new HashSet<>();
    private final Map<Long, byte[]> held = new HashMap<>();
    private long heldBytes;
    private int running;

    public PendingPhotos(ImageWork images, PhotoStore store, AlertLifecycle alerts, Metrics metrics) {
        this.images = images;
        this.store = store;
        this.alerts = alerts;
        String help = "residents' photos sanitised after the upload's answer, by result";
        this.cleaned = metrics.counter("gridwatch_photos_sanitised_total", help, "result", "clean");
        this.failed = metrics.counter("gridwatch_photos_sanitised_total", help, "result", "failed");
        metrics.gauge("gridwatch_photos_queued", "residents' photos this node has queued or in work", this::queued);
    }

    /** Queues a pending photo; false when it is queued already or the queue is full (a sweep finds it later). */
    public boolean offer(long photoId) {
        return offer(photoId, null);
    }

    /** Queues a new upload with its bytes (null: read them from the database when it is taken). */
    public boolean offer(long photoId, byte[] raw) {
        synchronized (this) {
            if (queued.size() >= MAX_QUEUED || !queued.add(photoId)) {
                return false;
            }
            waiting.add(photoId);
            if (raw != null && heldBytes + raw.length <= MAX_HELD_BYTES) {
                held.put(photoId, raw);
                heldBytes += raw.length;
            }
        }
        drain();
        return true;
    }

    private synchronized byte[] takeHeld(long photoId) {
        byte[] raw = held.remove(photoId);
        if (raw != null) {
            heldBytes -= raw.length;
        }
        return raw;
    }

    /** Queues pending photos nobody holds, oldest first; how many were new to the queue. */
    public Future<Integer> sweep(int limit) {
        return store.backlog(limit).map(ids -> (int) ids.stream().filter(this::offer).count());
    }

    private synchronized double queued() {
        return queued.size();
    }

    private void drain() {
        List<Long> start;
        synchronized (this) {
            start = new ArrayList<>();
            while (running < ImageWork.THREADS && !waiting.isEmpty()) {
                running++;
                start.add(waiting.poll());
            }
        }
        for (long id : start) {
            Future<Void> done;
            try {
                done = process(id);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            done.onFailure(e -> LOG.warn("photo not sanitised, left pending for a later try [photo: {}]: {}", id,
                    e.toString())).onComplete(ignored -> {
                        synchronized (this) {
                            running--;
                            queued.remove(id);
                        }
                        drain();
                    });
        }
    }

    private Future<Void> process(long photoId) {
        return store.claim(photoId, LEASE, takeHeld(photoId)).compose(claimed -> {
            if (claimed.isEmpty()) {
                return Future.succeededFuture();
            }
            if (claimed.get().attempts() > MAX_ATTEMPTS) {
                return fail(photoId, "gave_up");
            }
            return images.sanitize(claimed.get().raw()).transform(done -> {
                if (done.succeeded()) {
                    return clean(photoId, done.result());
                }
                return done.cause() instanceof ClientError refused ? fail(photoId, refused.code())
                        : Future.failedFuture(done.cause());
            });
        });
    }

    private Future<Void> clean(long photoId, SanitizedImage image) {
        return store.clean(photoId, image).map(alert -> {
            cleaned.increment();
            alert.ifPresent(this::announce);
            return null;
        });
    }

    private Future<Void> fail(long photoId, String why) {
        LOG.info("photo refused after the upload's answer [photo: {}, why: {}]", photoId, why);
        return store.fail(photoId, why).onSuccess(done -> failed.increment());
    }

    private void announce(long alertId) {
        alerts.store().find(alertId).onSuccess(alert -> alert.ifPresent(a -> alerts.announce(AlertEventType.UPDATED, a)))
                .onFailure(e -> LOG.warn("alert with a new photo not announced [alert: {}]: {}", alertId,
                        e.getMessage()));
    }
}
