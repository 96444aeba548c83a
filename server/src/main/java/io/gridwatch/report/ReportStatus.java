package io.gridwatch.report;

import io.gridwatch.alert.AlertStatus;
import io.gridwatch.geo.model.Level;
import java.time.Instant;

/**
 * The resident's view of a report: where it stands and which unit answers for it now. Deliberately
 * nothing about staff (no usernames, phones or notes). Immutable.
 *
 * @param level the level the alert is addressed to now
 * @param unitName that level's unit on the report's path, by name
 * @param photoState the photo's {@code pending}, {@code clean} or {@code failed}; null for a report without one
 */
public record ReportStatus(String trackingCode, Category category, Instant createdAt, AlertStatus status,
        Level level, String unitName, String photoState) {
}
