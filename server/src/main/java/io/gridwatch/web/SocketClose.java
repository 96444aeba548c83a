package io.gridwatch.web;

/**
 * Why the server closes an alert websocket: the close code and reason the client sees (README, "Websocket").
 * Application codes are in the 4000 range, mirroring the HTTP status they resemble; the standard ones are RFC 6455's.
 */
enum SocketClose {
    /** No auth message in time, a first message that is not one, or a token that does not verify. */
    UNAUTHENTICATED(4401, "authentication required"),
    /** The person changed, was disabled or deleted after the token was issued: the token was revoked. */
    REVOKED(4401, "log-in revoked; log in again"),
    /** The token is good but the person's unit is not in the grid. */
    FORBIDDEN(4403, "no alerts for your unit"),
    /** Nothing heard (pong or any frame) within the idle limit. */
    IDLE(4408, "no answer to pings"),
    /** The client read too slowly and its send queue filled up; it should reconnect for a fresh snapshot. */
    TOO_SLOW(1013, "too slow; reconnect for a fresh snapshot"),
    /** The snapshot could not be loaded (e.g. the database is down); try again later. */
    SERVER_ERROR(1011, "cannot load the alerts; try again"),
    /** This node is stopping (SIGTERM): reconnect, through the proxy to another node, for a fresh snapshot. */
    GOING_AWAY(1001, "server stopping; reconnect");

    private final short code;
    private final String reason;

    SocketClose(int code, String reason) {
        this.code = (short) code;
        this.reason = reason;
    }

    short code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
