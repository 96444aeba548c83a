package io.gridwatch.casework;

import io.gridwatch.report.ImageSanitizer;
import io.gridwatch.report.SanitizedImage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A department's handling photos, sanitised as residents' photos are ({@link ImageSanitizer}: decided by content,
 * pixel count checked before decoding, re-encoded without metadata), on the image worker pool the reports use (the
 * same named pool), never on an event loop. Thread-safe.
 */
public final class HandlingPhotos {

    /** At most this many photos with one handling. */
    public static final int MAX_PHOTOS = 6;

    private final WorkerExecutor images;
    private final ImageSanitizer sanitizer;

    public HandlingPhotos(Vertx vertx, long maxPixels) {
        this.images = vertx.createSharedWorkerExecutor("gridwatch-images",
                Math.max(1, Runtime.getRuntime().availableProcessors()), 60, TimeUnit.SECONDS);
        this.sanitizer = new ImageSanitizer(maxPixels);
    }

    /** @throws io.gridwatch.error.ClientError (in the future) 415/422 for a file that is not a clean JPEG or PNG */
    public Future<List<SanitizedImage>> sanitize(List<Path> uploads) {
        if (uploads.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return images.executeBlocking(() -> {
            List<SanitizedImage> out = new ArrayList<>(uploads.size());
            for (Path upload : uploads) {
                out.add(sanitizer.sanitize(Files.readAllBytes(upload)));
            }
            return out;
        }, false);
    }
}
