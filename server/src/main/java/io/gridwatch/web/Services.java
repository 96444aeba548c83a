package io.gridwatch.web;

import io.gridwatch.broker.BrokerLink;
import io.gridwatch.broker.MqttHooks;
import io.gridwatch.casework.Casework;
import io.gridwatch.cluster.ClusterNode;
import io.gridwatch.config.ReportConfig;
import io.gridwatch.device.DeviceRegistry;
import io.gridwatch.dispatch.AlertLifecycle;
import io.gridwatch.geo.locate.GridLocator;
import io.gridwatch.keys.ApiKeys;
import io.gridwatch.metrics.Metrics;
import io.gridwatch.open311.Open311Store;
import io.gridwatch.people.LoginService;
import io.gridwatch.people.Roster;
import io.gridwatch.people.TokenVersions;
import io.gridwatch.report.Ratings;
import io.gridwatch.report.ReportService;
import io.gridwatch.report.Tracking;
import io.gridwatch.store.DeviceStore;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the HTTP API needs from the rest of the server, one part per capability.
 *
 * @param locator the grid and its point → cell lookup
 * @param alerts the alert lifecycle (and, through it, the alert store)
 * @param casework departments and their cases
 */
public record Services(Accounts accounts, Devices devices, GridLocator locator, AlertLifecycle alerts,
        Reports reports, Casework casework, Monitoring monitoring, Residents residents, Broker broker) {

    /**
     * Who may log in and act: the tokens' key, the log-in service, the roster.
     *
     * @param jwt signs and checks the tokens of the API and the websocket
     */
    public record Accounts(JWTAuth jwt, LoginService logins, Roster roster, TokenVersions tokens) {
    }

    /**
     * Devices: registered (cell looked up, token minted) by {@code registry}, read from {@code store}.
     */
    public record Devices(DeviceRegistry registry, DeviceStore store) {
    }

    /** Snap-and-report: the service and its limits (rate, upload size). */
    public record Reports(ReportService service, ReportConfig config) {
    }

    /**
     * What residents and other systems reach: the tracking view and ratings, API keys, Open311's view of reports.
     */
    public record Residents(Tracking tracking, Ratings ratings, ApiKeys keys, Open311Store open311) {
    }

    /**
     * What {@code /health} and {@code /metrics} report.
     *
     * @param storageMode how readings are stored ({@code native} or {@code timescale})
     * @param cluster the cluster this node is a member of, empty for a single node
     */
    public record Monitoring(Metrics metrics, BooleanSupplier databaseUp, BooleanSupplier mqttUp,
            String storageMode, Optional<ClusterNode> cluster) {
    }

    /**
     * The site's broker: this node's link to it in broker mode (for {@code /health}), and the answers to its auth
     * and ACL hooks when {@code GRIDWATCH_MQTT_HOOK_SECRET} is set.
     */
    public record Broker(Optional<BrokerLink> link, Optional<MqttHooks> hooks) {
    }
}
