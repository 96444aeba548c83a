package io.gridwatch.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way photos are sanitised, residents' and departments' alike: the {@link ImageSanitizer} on the image worker
 * pool ({@link #THREADS} threads, one per core, shared by name by every instance), never on an event loop.
 * Thread-safe.
 */
public final class ImageWork {

    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final String POOL = "gridwatch-images";

    private final WorkerExecutor pool;
    private final ImageSanitizer sanitizer;

    public ImageWork(Vertx vertx, long maxPixels) {
        this.pool = vertx.createSharedWorkerExecutor(POOL, THREADS, 60, TimeUnit.SECONDS);
        this.sanitizer = new ImageSanitizer(maxPixels, NativeJpeg.find().orElse(null));
    }

    /** The cheap checks (type, header size, EXIF GPS) on the calling thread: blocking, a few milliseconds. */
    public PhotoCheck inspect(byte[] upload) {
        return sanitizer.inspect(upload);
    }

    /** @throws io.gridwatch.error.ClientError (in the future) 415/422 for what is not a clean JPEG or PNG */
    public Future<SanitizedImage> sanitize(byte[] upload) {
        return pool.executeBlocking(() -> sanitizer.sanitize(upload), false);
    }

    /** Uploaded files, read and sanitised in order on one image thread. */
    public Future<List<SanitizedImage>> sanitize(List<Path> uploads) {
        if (uploads.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return pool.executeBlocking(() -> {
            List<SanitizedImage> out = new ArrayList<>(uploads.size());
            for (Path upload : uploads) {
                try (InputStream in = new FileInputStream(upload.toFile())) { // no NIO: see ReportService.prepare
                    out.add(sanitizer.sanitize(in.readAllBytes()));
                }
            }
            return out;
        }, false);
    }
}
