package io.gridwatch.outbox;

import io.vertx.core.json.JsonObject;

/** A message leased from the outbox for one delivery attempt. Immutable. */
record OutboxMessage(long id, String stream, NotifyTarget target, JsonObject body, String title, String text,
        int attempts) {
}
