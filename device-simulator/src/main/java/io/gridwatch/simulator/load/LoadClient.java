package io.gridwatch.simulator.load;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One MQTT connection of a load run, whichever the protocol version. Publishes go into one long-lived stream per
 * connection (the HiveMQ reactive API), which costs far less per message than a future per publish; outcomes come
 * back through a {@link Outcomes} listener, identified by their payload.
 *
 * <p>{@link #publish} is called from one thread (the scheduler); outcomes arrive on the client's threads.
 */
interface LoadClient {

    /** Receives the outcome of each publish, on the client's threads. */
    interface Outcomes {

        /** The broker acknowledged (QoS 1) or the client sent (QoS 0) the message with this payload. */
        void done(ByteBuffer payload);

        /** The broker refused the message with this payload. */
        void refused(ByteBuffer payload, Throwable error);

        /** The stream failed (the connection was lost): every outstanding message is lost with it. */
        void streamFailed(Throwable error);
    }

    /** Connects (clean session) and opens the publish stream; completes when CONNACK accepted the log-in. */
    CompletableFuture<Void> connect(Outcomes outcomes);

    /** Queues one message on the stream; the client sends it as soon as the broker's receive maximum allows. */
    void publish(byte[] payload);

    /** Whether the connection is up. */
    boolean isConnected();

    /** Ends the stream and disconnects politely. */
    CompletableFuture<Void> disconnect();
}
