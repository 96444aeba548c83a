package io.gridwatch.alert;

import io.gridwatch.model.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * A resident's report, with its photo, added to its alert ({@link AlertStore#attachReport}).
 *
 * @param photoId the photo to list in the alert now; null for a report without one (Open311, incidents) and for a
 *     resident's photo, which is listed only once sanitised ({@link AlertStore#attachPhoto})
 * @param joined true when the report joined an alert that was already there: it then counts as a raise,
 *     may make the alert more serious (bringing an open alert's deadline forward) and writes an
 *     {@code updated} event; false for the report that opened the alert
 * @param severity the report's severity
 * @param escalateAt the deadline for that severity, used only when it makes a joined alert more serious
 */
public record ReportAttachment(long alertId, long reportId, Long photoId, boolean joined, Severity severity,
        Instant at, Instant escalateAt) {

    public ReportAttachment {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
    }
}
