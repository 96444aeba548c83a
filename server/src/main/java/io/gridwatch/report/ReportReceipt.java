package io.gridwatch.report;

import io.gridwatch.geo.model.GridPath;

/**
 * What a resident gets back for a report. Immutable.
 *
 * @param merged the report joined an alert that was already open
 * @param replay the request repeated an earlier one's idempotency key: this is the first report, nothing new was stored
 * @param pendingPhoto the photo this request stored, to be sanitised; null for a replay or a report without one
 */
public record ReportReceipt(long id, String trackingCode, GridPath path, long alertId, boolean merged,
        boolean replay, Long pendingPhoto) {
}
