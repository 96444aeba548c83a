package io.gridwatch.ingest;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a connection's acknowledgements go out in one socket write per event-loop turn instead of one each.
 *
 * <p>Why: a committed batch acknowledges hundreds of a connection's readings at once, and vertx-mqtt writes and
 * flushes every PUBACK on its own (a flush outside a read is never deferred), so a deep in-flight window cost one
 * {@code write(2)} per reading — the largest share of the event loop's time in the profile of issue 18
 * ({@code docs/profiles/before}). Netty's {@link FlushConsolidationHandler} at the head of the pipeline turns the
 * flushes of one turn into one, at the end of the turn: the acknowledgements leave as soon as before, together.
 *
 * <p>vertx-mqtt does not expose the connection's pipeline; the endpoint's socket is read from its private field once
 * per connection. Should a later vertx-mqtt move it, this logs once and every connection works as before, with one
 * write per acknowledgement.
 */
final class AckFlushing {

    private static final Logger LOG = LoggerFactory.getLogger(AckFlushing.class);
    private static final String NAME = "gridwatch-flush-consolidation";
    /** Flush at least every this many writes even inside one turn, so a huge turn does not hold bytes back. */
    private static final int MOST_WRITES_PER_FLUSH = 256;
    private static final Field SOCKET = socketField();

    private AckFlushing() {
    }

    /** Installs the consolidation on {@code endpoint}'s connection; call on its event loop, before the CONNACK. */
    static void install(MqttEndpoint endpoint) {
        if (SOCKET == null) {
            return;
        }
        try {
            Object socket = SOCKET.get(endpoint);
            if (socket instanceof NetSocketInternal internal) {
                ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
                if (pipeline.get(NAME) == null) {
                    pipeline.addFirst(NAME, new FlushConsolidationHandler(MOST_WRITES_PER_FLUSH, true));
                }
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.debug("acknowledgements flushed one by one [reason: {}]", e.toString());
        }
    }

    private static Field socketField() {
        try {
            Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("acknowledgements will be flushed one by one: this vertx-mqtt hides its connection [{}]",
                    e.toString());
            return null;
        }
    }
}
