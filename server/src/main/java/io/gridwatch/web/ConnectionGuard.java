package io.gridwatch.web;

import io.gridwatch.config.HttpLimits;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts HTTP clients that hold the server without using it: a connection must deliver a request's
 * complete headers within the header timeout (slow-loris), a body within the body timeout, and one
 * address may hold only so many connections (Vert.x hands a connection over with its first bytes: one
 * beyond the cap is closed then, unanswered). The idle timeout is Netty's, set on the server options, and
 * also closes connections that never send a byte.
 * A connection that became a websocket is left to the websocket's own ping and silence limits.
 * Thread-safe: connections may live on several event loops.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final HttpLimits limits;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    /** By remote address and port: a websocket handshake names its connection only that way. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** Connections beyond the cap, closing. */
    private final Set<String> over = ConcurrentHashMap.newKeySet();

    ConnectionGuard(Vertx vertx, HttpLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** What is known of one connection; touched on its event loop, read by its timer on the same loop. */
    private static final class Watch {
        long timer;
        int requests;
        int requestsAtLastLook;
        HttpServerRequest current;
        boolean upgraded;
    }

    /** Guards every connection of {@code server}, whose requests then go to {@code requests}. */
    void install(HttpServer server, Handler<HttpServerRequest> requests) {
        server.connectionHandler(this::opened);
        server.requestHandler(request -> {
            if (arrived(request)) {
                requests.handle(request);
            }
        });
    }

    /** A websocket handshake's headers arrived: from now on the websocket's limits apply. */
    void upgraded(SocketAddress remote) {
        Watch watch = watches.get(key(remote));
        if (watch != null) {
            watch.upgraded = true;
            vertx.cancelTimer(watch.timer);
        }
    }

    private void opened(HttpConnection connection) {
        String host = connection.remoteAddress().hostAddress();
        int open = perAddress.merge(host, 1, Integer::sum);
        connection.closeHandler(v -> closed(connection, host));
        if (open > limits.connectionsPerAddress()) {
            LOG.debug("too many connections from one address, closing [address: {}, open: {}]", host, open);
            // its request may already be on its way to the router: it is refused there too
            over.add(key(connection.remoteAddress()));
            vertx.runOnContext(v -> connection.close());
            return;
        }
        Watch watch = new Watch();
        watches.put(key(connection.remoteAddress()), watch);
        watch.timer = vertx.setPeriodic(limits.headerTimeout().toMillis(), id -> look(connection, watch));
    }

    /** Each header timeout: a connection that is between requests and has not completed one since the last look goes. */
    private void look(HttpConnection connection, Watch watch) {
        boolean busy = watch.current != null && !watch.current.response().ended();
        if (!busy && watch.requests == watch.requestsAtLastLook) {
            LOG.debug("no complete request headers in time, closing [address: {}]", connection.remoteAddress());
            vertx.cancelTimer(watch.timer);
            connection.close();
            return;
        }
        watch.requestsAtLastLook = watch.requests;
    }

    /** @return false when the request was refused (its connection is beyond the cap) */
    private boolean arrived(HttpServerRequest request) {
        if (over.contains(key(request.remoteAddress()))) {
            request.response().setStatusCode(503).putHeader("connection", "close")
                    .putHeader("content-type", "application/json")
                    .end("{\"error\":\"too_many_connections\",\"message\":\"too many connections from your address\"}");
            request.connection().close();
            return false;
        }
        Watch watch = watches.get(key(request.remoteAddress()));
        if (watch != null) {
            watch.requests++;
            watch.current = request;
        }
        if (!request.isEnded()) {
            vertx.setTimer(limits.bodyTimeout().toMillis(), id -> {
                if (!request.isEnded()) {
                    LOG.debug("request body not complete in time, closing [address: {}]", request.remoteAddress());
                    if (!request.response().headWritten()) {
                        request.response().setStatusCode(408).putHeader("connection", "close")
                                .putHeader("content-type", "application/json")
                                .end("{\"error\":\"timeout\",\"message\":\"the request body did not arrive in time\"}");
                    }
                    request.connection().close();
                }
            });
        }
        return true;
    }

    private void closed(HttpConnection connection, String host) {
        perAddress.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
        over.remove(key(connection.remoteAddress()));
        Watch watch = watches.remove(key(connection.remoteAddress()));
        if (watch != null) {
            vertx.cancelTimer(watch.timer);
        }
    }

    private static String key(SocketAddress remote) {
        return remote.hostAddress() + ":" + remote.port();
    }
}
