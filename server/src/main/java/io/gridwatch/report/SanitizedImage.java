package io.gridwatch.report;

import java.util.Optional;

/**
 * A photo as gridwatch stores it: re-encoded JPEGs (the picture upright, no metadata of any kind)
 * and, separately, the position the original's EXIF carried. Treat the arrays as read-only.
 *
 * @param gps the original's EXIF GPS position, used only to locate the report when the form has none
 */
public record SanitizedImage(byte[] jpeg, int width, int height, byte[] thumb, int thumbWidth, int thumbHeight,
        Optional<ExifGps> gps) {

    public static final String CONTENT_TYPE = "image/jpeg";
}
