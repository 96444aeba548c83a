package io.gridwatch.ingest;

import java.util.Locale;

/**
 * Why the MQTT endpoint refused something. {@link #label()} is the {@code reason} label of
 * {@code gridwatch_mqtt_rejects_total} (payload and packet refusals) and of
 * {@code gridwatch_mqtt_connect_rejects_total} (log-in refusals). What each refusal does on the wire, per protocol
 * version and QoS, is decided in one place: {@link Refusals}.
 */
public enum RejectReason {

    // the payload, found by ReadingDecoder
    /** Not a JSON object, or not JSON at all, or something after the object. */
    MALFORMED_JSON(Stage.PAYLOAD),
    /** A field the device's kind requires is absent or null. */
    MISSING_FIELD(Stage.PAYLOAD),
    /** The same field twice. */
    DUPLICATE_FIELD(Stage.PAYLOAD),
    /** A field of the wrong JSON type (a string for a number, a fraction for an integer, ...). */
    BAD_TYPE(Stage.PAYLOAD),
    /** A number outside its documented range. */
    OUT_OF_RANGE(Stage.PAYLOAD),
    /** A field no kind of device sends. */
    UNKNOWN_FIELD(Stage.PAYLOAD),
    /** A field of the other kind of device (a {@code level} from a smoke detector). */
    WRONG_KIND(Stage.PAYLOAD),
    /** {@code ts} further in the past than readings are accepted. */
    TOO_OLD(Stage.PAYLOAD),
    /** {@code ts} further ahead of the server clock than clock skew explains. */
    TOO_FAR_AHEAD(Stage.PAYLOAD),

    // the packet, found by the endpoint
    /** A PUBLISH to {@code devices/{another id}/readings}. */
    FOREIGN_TOPIC(Stage.PACKET),
    /** A PUBLISH to a topic that is no device's readings topic. */
    UNKNOWN_TOPIC(Stage.PACKET),
    /** An MQTT 5 PUBLISH with a topic alias (the CONNACK said the alias maximum is 0). */
    TOPIC_ALIAS(Stage.PACKET),
    /** An MQTT 5 PUBLISH with the retain flag (the CONNACK said retain is not available). */
    RETAIN(Stage.PACKET),
    /** More unacknowledged QoS 1/2 publishes than the receive maximum (MQTT 5) or in-flight limit (3.1.1). */
    RECEIVE_MAXIMUM_EXCEEDED(Stage.PACKET),
    /** A QoS 0 publish above the device's rate, dropped. */
    RATE_LIMITED(Stage.PACKET),
    /** QoS 0 publishes far above the rate for too long: the device is disconnected. */
    FLOOD(Stage.PACKET),
    /** A packet larger than the maximum packet size. */
    PACKET_TOO_LARGE(Stage.PACKET),
    /** Bytes that are not MQTT, or MQTT out of order. */
    MALFORMED_PACKET(Stage.PACKET),
    /** A SUBSCRIBE: devices only publish. */
    SUBSCRIBE(Stage.PACKET),

    // the log-in
    /** A CONNECT without user name or password. */
    MISSING_CREDENTIALS(Stage.CONNECT),
    /** A CONNECT with an empty client id and a persistent session (refused by vertx-mqtt itself). */
    CLIENT_ID_REJECTED(Stage.CONNECT),
    /** A CONNECT whose user name is no registered device. */
    UNKNOWN_DEVICE(Stage.CONNECT),
    /** A CONNECT whose password is not the device's token. */
    BAD_TOKEN(Stage.CONNECT),
    /** The device directory could not answer. */
    DIRECTORY_UNAVAILABLE(Stage.CONNECT),
    /** The endpoint is shutting down. */
    SHUTTING_DOWN(Stage.CONNECT),
    /** The database is out of reach: connected devices keep their readings unacknowledged, new ones wait outside. */
    STORAGE_UNAVAILABLE(Stage.CONNECT);

    /** Where in the life of a connection a refusal happens. */
    public enum Stage { PAYLOAD, PACKET, CONNECT }

    private final Stage stage;
    private final String label;

    RejectReason(Stage stage) {
        this.stage = stage;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    public Stage stage() {
        return stage;
    }

    /** The metric label and log word: the name in lower case ({@code out_of_range}). */
    public String label() {
        return label;
    }
}
