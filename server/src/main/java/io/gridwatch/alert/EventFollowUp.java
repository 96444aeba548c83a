package io.gridwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;

/**
 * What must be written in the same transaction as an alert's new audit-trail rows, so that it commits with the step
 * it reports or not at all: the status messages to the systems that handed an incident over
 * ({@code incident.IncidentFeedback}). {@link AlertStore} calls it after every write of events that may concern an
 * incident, with the alerts that write changed: their rows are locked until the transaction ends, so no other
 * transaction writes events of theirs meanwhile.
 */
@FunctionalInterface
public interface EventFollowUp {

    /** Nothing besides the alert and its events (a store that no system hears from). */
    EventFollowUp NONE = (transaction, alertIds, at) -> Future.succeededFuture();

    /**
     * @param transaction the transaction that wrote the events, still open
     * @param alertIds the alerts it changed, locked by it
     * @param at when the step happened
     */
    Future<Void> written(SqlClient transaction, List<Long> alertIds, Instant at);
}
