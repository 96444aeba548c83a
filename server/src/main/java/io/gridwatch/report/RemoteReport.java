package io.gridwatch.report;

import io.gridwatch.geo.crs.Crs;

/**
 * A report from another system (an Open311 client, 110, the 12345 hotline): no photo, a position given by the
 * sender. Immutable.
 *
 * @param description trimmed, may be null
 */
public record RemoteReport(Category category, String description, double lon, double lat, Crs crs,
        ReportOrigin origin) {
}
