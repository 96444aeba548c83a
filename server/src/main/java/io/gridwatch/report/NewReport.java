package io.gridwatch.report;

import io.gridwatch.geo.model.GridPath;
import java.time.Instant;

/**
 * A report ready to store. Immutable (treat the image's arrays as read-only).
 *
 * @param keyHash SHA-256 of the idempotency key, or null
 * @param lon WGS84
 * @param lat WGS84
 * @param locatedBy {@code form}, {@code exif}, {@code geolocation} or {@code map}
 * @param photo the upload as it came (checked by {@link ImageSanitizer#inspect}, not yet sanitised); null for a
 *     report without a photo (Open311, incidents)
 */
record NewReport(String trackingCode, String keyHash, Category category, String description, double lon,
        double lat, String locatedBy, GridPath path, Instant at, byte[] photo, ReportOrigin origin) {
}
