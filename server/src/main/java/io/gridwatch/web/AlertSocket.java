package io.gridwatch.web;

import io.gridwatch.alert.AlertStore;
import io.gridwatch.casework.CaseViews;
import io.gridwatch.config.WebSocketConfig;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.people.TokenVersions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The alert websocket, {@code GET /ws} on the HTTP server: accepts the upgrade on that path only and runs one
 * {@link AlertSession} per connection. Counts open connections ({@code gridwatch_ws_connections}) and the ones the
 * server closed, by reason ({@code gridwatch_ws_closed_total}).
 */
final class AlertSocket {

    static final String PATH = "/ws";

    /** What every session needs. */
    record Parts(Vertx vertx, JWTAuth jwt, TokenVersions tokens, AlertStore store, CaseViews cases, Grid grid,
            WebSocketConfig limits,
            AlertSocket owner) {
    }

    private final Parts parts;
    private final Metrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<AlertSession> sessions = ConcurrentHashMap.newKeySet();

    AlertSocket(Vertx vertx, JWTAuth jwt, TokenVersions tokens, AlertStore store, CaseViews cases, Grid grid,
            WebSocketConfig limits, Metrics metrics) {
        this.parts = new Parts(vertx, jwt, tokens, store, cases, grid, limits, this);
        this.metrics = metrics;
        metrics.gauge("gridwatch_ws_connections", "Alert websockets open now", open::get);
    }

    void mount(HttpServer server, ConnectionGuard guard) {
        server.webSocketHandshakeHandler(handshake -> {
            guard.upgraded(handshake.remoteAddress());
            handshake(handshake);
        });
        server.webSocketHandler(socket -> {
            open.incrementAndGet();
            AlertSession session = new AlertSession(socket, parts);
            sessions.add(session);
            session.start();
        });
    }

    private void handshake(ServerWebSocketHandshake handshake) {
        if (PATH.equals(handshake.path())) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }

    /** A session ended, whoever closed it. */
    void ended(AlertSession session) {
        if (sessions.remove(session)) {
            open.decrementAndGet();
        }
    }

    /** The server is stopping: every socket gets a going-away close (1001), so that its client reconnects elsewhere. */
    Future<Void> goAway() {
        return Future.join(sessions.stream().map(AlertSession::goAway).toList()).mapEmpty();
    }

    /** Counts a close the server decided. */
    void closedBecause(SocketClose why) {
        LongAdder closed = metrics.counter("gridwatch_ws_closed_total", "Alert websockets the server closed",
                "reason", why.name().toLowerCase(Locale.ROOT));
        closed.increment();
    }
}
