package io.gridwatch.ingest;

import io.gridwatch.ingest.DeviceAuthenticator.Accepted;
import io.gridwatch.ingest.DeviceAuthenticator.Outcome;
import io.gridwatch.ingest.DeviceAuthenticator.Refused;
import io.gridwatch.model.Device;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a new connection from its CONNECT to a refusing CONNACK or to an accepted {@link DeviceSession}: log-in
 * (user name = device id, password = token), one session per device (a second log-in takes the first one over, as
 * MQTT does for a client id), the client id (assigned when empty, returned in an MQTT 5 CONNACK), the persistent
 * session and the CONNACK properties that tell an MQTT 5 client what this endpoint does not offer.
 *
 * <p>Runs on the connection's event loop; the directory's answer is brought back to it.
 */
final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final long NO_EXPIRY = 0xFFFF_FFFFL;
    /** One key for every takeover (not one per device: the reject log holds at most 10,000 keys). */
    private static final String TAKEOVER_LOG_KEY = "takeover";

    private final IngestServices services;
    private final DeviceAuthenticator authenticator;

    Connector(IngestServices services, DeviceAuthenticator authenticator) {
        this.services = services;
        this.authenticator = authenticator;
    }

    void connect(MqttEndpoint endpoint) {
        Context context = Vertx.currentContext();
        AckFlushing.install(endpoint);
        boolean mqtt5 = endpoint.protocolVersion() >= 5;
        MqttAuth auth = endpoint.auth();
        String deviceId = auth == null ? null : auth.getUsername();
        if (services.isStopping()) {
            refuse(endpoint, mqtt5, deviceId, RejectReason.SHUTTING_DOWN);
            return;
        }
        if (!services.sink().accepting()) {
            // a reconnect storm while the database is away would only be cut off again: "server unavailable"
            refuse(endpoint, mqtt5, deviceId, RejectReason.STORAGE_UNAVAILABLE);
            return;
        }
        // until the CONNACK, vertx-mqtt closes a connection that sends another packet; notice that it is gone
        boolean[] gone = {false};
        endpoint.closeHandler(v -> gone[0] = true);
        endpoint.exceptionHandler(failure -> LOG.debug("connection failed before connack [device-id: {}]: {}",
                printable(deviceId), failure.toString()));
        authenticator.authenticate(deviceId, auth == null ? null : auth.getPassword())
                .onComplete(IngestServices.on(context, done -> {
                    if (gone[0]) {
                        LOG.debug("connection closed during log-in [device-id: {}]", printable(deviceId));
                    } else if (services.isStopping()) {
                        refuse(endpoint, mqtt5, deviceId, RejectReason.SHUTTING_DOWN);
                    } else {
                        decide(endpoint, context, mqtt5, deviceId, done.result());
                    }
                }));
    }

    private void decide(MqttEndpoint endpoint, Context context, boolean mqtt5, String deviceId, Outcome outcome) {
        if (outcome instanceof Refused refused) {
            refuse(endpoint, mqtt5, deviceId, refused.reason());
        } else {
            accept(endpoint, context, mqtt5, ((Accepted) outcome).device());
        }
    }

    private void accept(MqttEndpoint endpoint, Context context, boolean mqtt5, Device device) {
        String clientId = endpoint.clientIdentifier();
        boolean assigned = clientId == null || clientId.isEmpty();
        if (assigned) {
            clientId = "gw-" + UUID.randomUUID();
            endpoint.setClientIdentifier(clientId);
        }
        DeviceSession previous = services.sessions().get(device.id());
        if (previous != null) {
            // a reconnect storm is one takeover per device: a line each would be thousands a second on the event loop
            if (services.rejectLog().shouldLog(TAKEOVER_LOG_KEY)) {
                LOG.info("device logged in again, closing its older connection [device-id: {}] (logged once a "
                        + "minute, the others at debug)", device.id());
            } else {
                LOG.debug("device logged in again, closing its older connection [device-id: {}]", device.id());
            }
            previous.takeOver();
        }
        Set<Integer> resumed = null;
        if (endpoint.isCleanSession()) {
            services.sessionStore().discard(device.id());
        } else {
            resumed = services.sessionStore().take(device.id(), clientId);
        }
        long requestedExpiry = requestedExpirySeconds(endpoint, mqtt5);
        long expiry = Math.min(requestedExpiry, services.options().maxSessionExpiry().toSeconds());
        DeviceSession session = new DeviceSession(services, endpoint, context, device, clientId,
                Duration.ofSeconds(expiry), resumed);
        services.sessions().register(session);
        session.bind();
        endpoint.accept(resumed != null,
                mqtt5 ? connackProperties(assigned ? clientId : null, expiry < requestedExpiry ? expiry : -1)
                        : MqttProperties.NO_PROPERTIES);
        services.metrics().connected();
        LOG.debug("device connected [device-id: {}, client-id: {}, mqtt: {}, session present: {}]", device.id(),
                clientId, endpoint.protocolVersion(), resumed != null);
    }

    private void refuse(MqttEndpoint endpoint, boolean mqtt5, String deviceId, RejectReason reason) {
        services.metrics().refused(reason);
        if (services.rejectLog().shouldLog("connect/" + (deviceId == null ? remoteHost(endpoint) : deviceId))) {
            LOG.warn("refused mqtt log-in [device-id: {}, remote: {}, reason: {}] (logged once a minute per device)",
                    printable(deviceId), remoteHost(endpoint), reason.label());
        }
        try {
            endpoint.reject(Refusals.connack(reason, mqtt5));
        } catch (IllegalArgumentException | IllegalStateException closedAlready) {
            LOG.debug("connection closed before its connack [device-id: {}]", printable(deviceId));
        }
    }

    /** Seconds the client wants its session kept after disconnecting: 0 for a clean 3.1.1 session. */
    private static long requestedExpirySeconds(MqttEndpoint endpoint, boolean mqtt5) {
        if (!mqtt5) {
            return endpoint.isCleanSession() ? 0 : NO_EXPIRY;
        }
        MqttProperties.MqttProperty<?> expiry = endpoint.connectProperties() == null ? null
                : endpoint.connectProperties().getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
        return expiry == null ? 0 : Integer.toUnsignedLong((Integer) expiry.value());
    }

    /** What an MQTT 5 client must know: limits, and that this endpoint offers no retain or subscriptions. */
    private MqttProperties connackProperties(String assignedClientId, long cappedExpiry) {
        MqttProperties properties = new MqttProperties();
        properties.add(new IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, services.options().receiveMaximum()));
        properties.add(new IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, services.options().maxPacketSize()));
        properties.add(new IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 0));
        properties.add(new IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
        properties.add(new IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 0));
        properties.add(new IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        properties.add(new IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
        if (assignedClientId != null) {
            properties.add(new StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, assignedClientId));
        }
        if (cappedExpiry >= 0) {
            properties.add(new IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) cappedExpiry));
        }
        return properties;
    }

    private static String remoteHost(MqttEndpoint endpoint) {
        try {
            return endpoint.remoteAddress() == null ? "?" : endpoint.remoteAddress().hostAddress();
        } catch (IllegalArgumentException closed) {
            return "?";
        }
    }

    private static String printable(String deviceId) {
        return deviceId == null ? "-" : JsonValues.printable(deviceId);
    }
}
