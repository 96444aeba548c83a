package io.gridwatch.web;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertQuery;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.dispatch.Addresses;
import io.gridwatch.metrics.AlarmStage;
import io.gridwatch.people.TokenVersions;
import io.gridwatch.dispatch.Caller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alert websocket, from auth to close: the auth message within the limit → the person's event-bus address
 * (listening before the snapshot is read, holding what arrives meanwhile) → the snapshot of every unresolved alert in
 * the person's scope → the held events that are newer than the snapshot → live events. Pings keep it alive; a client
 * that stops answering, or reads too slowly for its send queue, is closed (see {@link SocketClose}).
 *
 * <p>Not thread-safe, and needs not be: everything runs on the connection's event loop.
 */
final class AlertSession {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSession.class);
    private static final int SNAPSHOT_LIMIT = 10_000;
    /** Events held while the snapshot loads; past this the client gets a fresh start instead. */
    private static final int MAX_HELD = 10_000;
    private static final String PONG = new JsonObject().put("type", "pong").encode();

    private enum State { AWAITING_AUTH, AUTHENTICATING, LOADING, LIVE, CLOSED }

    private final ServerWebSocket socket;
    private final AlertSocket.Parts parts;
    private State state = State.AWAITING_AUTH;
    private final List<String> held = new ArrayList<>();
    private MessageConsumer<String> consumer;
    private MessageConsumer<String> revocations;
    /** The verified token's claims, checked again when the person's tokens are revoked. */
    private JsonObject claims;
    private long lastHeard = System.nanoTime();
    private long authTimer = -1;
    private long pingTimer = -1;
    private long idleTimer = -1;

    /** The connection's context, which alone touches this session's state. */
    private Context context;

    AlertSession(ServerWebSocket socket, AlertSocket.Parts parts) {
        this.socket = socket;
        this.parts = parts;
    }

    void start() {
        context = parts.vertx().getOrCreateContext();
        socket.setWriteQueueMaxSize(parts.limits().sendQueueBytes());
        socket.frameHandler(frame -> lastHeard = System.nanoTime());
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(binary -> refuse("send text frames"));
        socket.exceptionHandler(e -> LOG.debug("websocket failed [remote: {}]: {}", socket.remoteAddress(), e.toString()));
        socket.closeHandler(closed -> ended());
        authTimer = parts.vertx().setTimer(parts.limits().authTimeout().toMillis(), id -> {
            if (state == State.AWAITING_AUTH || state == State.AUTHENTICATING) {
                fail(SocketClose.UNAUTHENTICATED, "no auth message within "
                        + parts.limits().authTimeout().toSeconds() + " s");
            }
        });
    }

    private void onText(String text) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException e) {
            refuse("messages are JSON objects");
            return;
        }
        String type = message.getValue("type") instanceof String t ? t : "";
        switch (state) {
            case AWAITING_AUTH -> {
                if (type.equals("auth") && message.getValue("token") instanceof String token) {
                    authenticate(token);
                } else {
                    fail(SocketClose.UNAUTHENTICATED, "the first message must be {\"type\":\"auth\",\"token\":JWT}");
                }
            }
            case LOADING, LIVE -> {
                if (type.equals("ping")) {
                    send(PONG);
                } else {
                    refuse("unknown message type \"" + type + "\"; send ping, or nothing");
                }
            }
            default -> {
                // authenticating or closed: nothing to say
            }
        }
    }

    private void authenticate(String token) {
        state = State.AUTHENTICATING;
        parts.jwt().authenticate(new TokenCredentials(token))
                .map(TokenVersions::claims)
                .map(claims -> {
                    this.claims = claims;
                    return parts.tokens().accepts(claims, System.currentTimeMillis() / 1000)
                            ? Caller.fromClaims(claims) : Optional.<Caller>empty();
                })
                .otherwise(Optional.empty())
                .onSuccess(caller -> {
                    if (state != State.AUTHENTICATING) {
                        return;
                    }
                    parts.vertx().cancelTimer(authTimer);
                    if (caller.isEmpty()) {
                        fail(SocketClose.UNAUTHENTICATED, "the token is invalid or expired; log in again");
                    } else {
                        subscribe(caller.get());
                    }
                });
    }

    /** Listens first, then reads the snapshot: an event committed in between is held, not lost. */
    private void subscribe(Caller caller) {
        Optional<AlertQuery> scope = caller.scope(AlertQuery.all(SNAPSHOT_LIMIT)
                .withStatus(AlertStatus.unresolved()), parts.grid(), null);
        if (scope.isEmpty() && !caller.role().isDepartment()) {
            fail(SocketClose.FORBIDDEN, "your unit " + caller.unit() + " is not in the grid");
            return;
        }
        // department staff: the cases of their department, not a part of the grid
        Supplier<Future<List<Alert>>> snapshot = caller.role().isDepartment()
                ? () -> parts.cases().openOf(caller, SNAPSHOT_LIMIT)
                : () -> parts.store().list(scope.get());
        state = State.LOADING;
        startLiveness();
        revocations = parts.vertx().eventBus().localConsumer(TokenVersions.revokedAddress(caller.username()), message -> {
            if (!parts.tokens().accepts(claims, System.currentTimeMillis() / 1000)) {
                fail(SocketClose.REVOKED, "your log-in was revoked (your account changed); log in again");
            }
        });
        consumer = parts.vertx().eventBus().consumer(Addresses.person(caller.username()), message -> send(message.body()));
        consumer.completion()
                .compose(registered -> snapshot.get())
                .onSuccess(this::sendSnapshot)
                .onFailure(e -> {
                    LOG.warn("cannot load a websocket snapshot [user: {}]: {}", caller.username(), e.toString());
                    close(SocketClose.SERVER_ERROR);
                });
        LOG.debug("websocket authenticated [user: {}, remote: {}]", caller.username(), socket.remoteAddress());
    }

    private void sendSnapshot(List<Alert> snapshot) {
        if (state != State.LOADING) {
            return;
        }
        // each alert with its case, when it has one
        parts.cases().render(snapshot).onSuccess(alerts -> {
            if (state != State.LOADING) {
                return;
            }
            // the snapshot may be larger than the send queue: wait until it is on its way before checking the queue
            socket.writeTextMessage(new JsonObject().put("type", "snapshot").put("alerts", alerts).encode())
                    .onComplete(written -> goLive(snapshot));
        }).onFailure(e -> {
            LOG.warn("cannot load the cases of a websocket snapshot: {}", e.toString());
            close(SocketClose.SERVER_ERROR);
        });
    }

    private void goLive(List<Alert> snapshot) {
        if (state != State.LOADING) {
            return;
        }
        state = State.LIVE;
        List<String> fresh = SnapshotMerge.fresh(snapshot, held);
        held.clear();
        fresh.forEach(this::send);
    }

    /** Sends a frame now, holds it while the snapshot loads, or drops the client whose queue is full. */
    private void send(String frame) {
        if (state == State.LOADING) {
            if (held.size() >= MAX_HELD) {
                close(SocketClose.TOO_SLOW);
            } else {
                held.add(frame);
            }
            return;
        }
        if (state != State.LIVE || socket.isClosed()) {
            return;
        }
        if (socket.writeQueueFull()) {
            close(SocketClose.TOO_SLOW);
            return;
        }
        AlarmStage.frameWritten(frame);
        socket.writeTextMessage(frame);
    }

    private void startLiveness() {
        lastHeard = System.nanoTime();
        pingTimer = parts.vertx().setPeriodic(parts.limits().pingEvery().toMillis(), id -> {
            if (!socket.isClosed()) {
                socket.writePing(Buffer.buffer("gridwatch"));
            }
        });
        long idleNanos = parts.limits().idleLimit().toNanos();
        long check = Math.max(1, parts.limits().idleLimit().toMillis() / 6);
        idleTimer = parts.vertx().setPeriodic(check, id -> {
            if (System.nanoTime() - lastHeard > idleNanos) {
                close(SocketClose.IDLE);
            }
        });
    }

    /** Tells the client what went wrong, keeping the connection. */
    private void refuse(String message) {
        if (state == State.AWAITING_AUTH) {
            fail(SocketClose.UNAUTHENTICATED, message);
        } else if (state == State.LIVE) {
            socket.writeTextMessage(error(message));
        }
    }

    /** Tells the client what went wrong, then closes. */
    private void fail(SocketClose why, String message) {
        if (state == State.CLOSED || socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(error(message));
        close(why);
    }

    private void close(SocketClose why) {
        if (state == State.CLOSED) {
            return;
        }
        stop();
        parts.owner().closedBecause(why);
        if (!socket.isClosed()) {
            socket.close(why.code(), why.reason());
        }
    }

    /** The server is stopping: a going-away close, so that the client reconnects (to another node). Any thread. */
    Future<Void> goAway() {
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> {
            close(SocketClose.GOING_AWAY);
            closed.complete();
        });
        return closed.future();
    }

    /** The connection is gone, whoever closed it. */
    private void ended() {
        if (state != State.CLOSED) {
            stop();
        }
        parts.owner().ended(this);
    }

    private void stop() {
        state = State.CLOSED;
        held.clear();
        parts.vertx().cancelTimer(authTimer);
        parts.vertx().cancelTimer(pingTimer);
        parts.vertx().cancelTimer(idleTimer);
        if (consumer != null) {
            consumer.unregister();
        }
        if (revocations != null) {
            revocations.unregister();
        }
    }

    private static String error(String message) {
        return new JsonObject().put("type", "error").put("message", message).encode();
    }
}
