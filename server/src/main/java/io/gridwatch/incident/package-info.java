/**
 * Incidents handed over by other systems (110, the 12345 hotline): their cases' steps sent back to the system's
 * notify target through the durable outbox. Taking an incident in is {@code web.IncidentRoutes} with
 * {@code report.ReportService}.
 */
package io.gridwatch.incident;
