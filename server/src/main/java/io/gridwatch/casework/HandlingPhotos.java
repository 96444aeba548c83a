package io.gridwatch.casework;

import io.gridwatch.report.ImageWork;
import io.gridwatch.report.SanitizedImage;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * A department's handling photos, sanitised as residents' photos are, through the same {@link ImageWork} (decided by
 * content, pixel count checked before decoding, re-encoded without metadata, on the image pool). Unlike a resident's
 * photo, which is answered first and sanitised after, a handling is stored with its photos already clean: staff wait
 * the fraction of a second, and a case never shows a handling whose photos might still fail. Thread-safe.
 */
public final class HandlingPhotos {

    /** At most this many photos with one handling. */
    public static final int MAX_PHOTOS = 6;

    private final ImageWork images;

    public HandlingPhotos(ImageWork images) {
        this.images = images;
    }

    /** @throws io.gridwatch.error.ClientError (in the future) 415/422 for a file that is not a clean JPEG or PNG */
    public Future<List<SanitizedImage>> sanitize(List<Path> uploads) {
        return images.sanitize(uploads);
    }
}
