package io.gridwatch.ingest;

import io.gridwatch.store.ReadingSink;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * What the connections of one MQTT endpoint share: its settings, the decoder, where readings go, the figures, the
 * log throttle, the registry of connected devices and the saved sessions.
 */
record IngestServices(MqttIngestOptions options, ReadingDecoder decoder, ReadingSink sink, IngestMetrics metrics,
        RejectLog rejectLog, Sessions sessions, SessionStore sessionStore, Clock clock, BooleanSupplier stopping) {

    boolean isStopping() {
        return stopping.getAsBoolean();
    }

    /**
     * A handler that runs on {@code context}: a future of the sink or the directory may complete on another event
     * loop, and a connection's state is only ever touched on its own.
     */
    static <T> Handler<AsyncResult<T>> on(Context context, Handler<AsyncResult<T>> handler) {
        return result -> {
            if (Vertx.currentContext() == context) {
                handler.handle(result);
            } else {
                context.runOnContext(v -> handler.handle(result));
            }
        };
    }
}
