package io.gridwatch.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health} (200 when the database and the MQTT endpoint are up, else 503) and {@code GET /metrics}. */
final class HealthRoutes {

    private final Services.Monitoring monitoring;

    HealthRoutes(Services.Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    void mount(Router router) {
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
    }

    private void health(RoutingContext ctx) {
        boolean db = monitoring.databaseUp().getAsBoolean();
        boolean mqtt = monitoring.mqttUp().getAsBoolean();
        JsonObject body = new JsonObject()
                .put("status", db && mqtt ? "up" : "down")
                .put("database", db ? "up" : "down")
                .put("mqtt", mqtt ? "up" : "down")
                .put("storage", monitoring.storageMode());
        monitoring.cluster().ifPresent(node -> body.put("cluster",
                new JsonObject().put("members", node.members()).put("node", node.nodeId())));
        ctx.response().setStatusCode(db && mqtt ? 200 : 503).putHeader("content-type", "application/json")
                .end(body.encode());
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(monitoring.metrics().scrape());
    }
}
