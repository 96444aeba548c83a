package io.gridwatch.report;

import java.util.Optional;

/**
 * What {@link ImageSanitizer#inspect} tells of an upload without decoding it. Immutable.
 *
 * @param format {@code jpeg} or {@code png}, from the content
 * @param gps the EXIF GPS position, used only to locate a report whose form has none
 */
public record PhotoCheck(String format, Optional<ExifGps> gps) {
}
