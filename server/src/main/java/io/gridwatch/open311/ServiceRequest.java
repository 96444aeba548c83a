package io.gridwatch.open311;

import io.gridwatch.report.Category;
import java.time.Instant;

/**
 * A report as an Open311 service request. Immutable.
 *
 * @param description null unless the request came over Open311 (a resident's own words stay with the staff)
 * @param mediaUrl the link an Open311 client sent, or null
 * @param agency the grid unit that holds the case now, by name
 */
public record ServiceRequest(long id, Category category, boolean closed, String description, double lon, double lat,
        String mediaUrl, Instant requested, Instant updated, String agency) {
}
