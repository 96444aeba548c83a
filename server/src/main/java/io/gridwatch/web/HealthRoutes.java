package io.gridwatch.web;

import io.gridwatch.broker.BrokerLink;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /health} (200 when the database and the MQTT endpoint are up, else 503; in broker mode also the link to
 * the broker, {@code "broker":{"url","client_id","state","subscribed","since","problem"?}}) and {@code GET /metrics}.
 */
final class HealthRoutes {

    private final Services.Monitoring monitoring;
    private final Optional<BrokerLink> broker;

    HealthRoutes(Services.Monitoring monitoring, Optional<BrokerLink> broker) {
        this.monitoring = monitoring;
        this.broker = broker;
    }

    void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
    }

    private void health(RoutingContext ctx) {
        boolean db = monitoring.databaseUp().getAsBoolean();
        boolean mqtt = monitoring.mqttUp().getAsBoolean();
        // a node that is no longer a member (leaving, or Hazelcast gave up) would reach only its own sockets
        boolean member = monitoring.cluster().map(node -> node.members() > 0).orElse(true);
        boolean up = db && mqtt && member;
        JsonObject body = new JsonObject()
                .put("status", up ? "up" : "down")
                .put("database", db ? "up" : "down")
                .put("mqtt", mqtt ? "up" : "down")
                .put("storage", monitoring.storageMode());
        monitoring.cluster().ifPresent(node -> body.put("cluster",
                new JsonObject().put("members", node.members()).put("node", node.nodeId())));
        // in broker mode the link is shown, not judged: the HTTP API serves on while the broker is away
        broker.ifPresent(link -> body.put("broker", link.json()));
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
                .end(body.encode());
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(monitoring.metrics().scrape());
    }
}
