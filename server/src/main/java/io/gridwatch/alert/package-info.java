/**
 * Alerts as stored: one unresolved alert per source and kind, its lifecycle (open → acknowledged →
 * resolved, cleared when the condition ends), its escalation level and deadline, and the audit
 * trail of every transition. {@link io.gridwatch.alert.AlertStore} is the only way in; the SQL is in
 * {@code AlertSql}, the schema in {@code db/migration/V11__alerts.sql}. Routing (who is on the
 * roster at a level), deadlines per severity and notifications are the caller's: this package only
 * persists what it is told, safely across several server nodes.
 */
package io.gridwatch.alert;
