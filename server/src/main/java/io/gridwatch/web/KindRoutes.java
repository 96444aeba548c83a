package io.gridwatch.web;

import io.gridwatch.alert.AlertStatus;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.KindDefaults;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Label;
import io.gridwatch.model.ReadingField;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Severity;
import io.gridwatch.people.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Map;

/**
 * The server's vocabulary for pages, the simulator and integrators, without log-in (nothing in it is private):
 * <ul>
 * <li>{@code GET /api/kinds}: every sensor kind of the {@link KindRegistry} with its payload fields (units, ranges,
 *     labels), default thresholds, icon and colour, and every alert kind with its label;
 * <li>{@code GET /api/vocabulary}: severities, grid levels, roles and alert statuses, each with its id and its
 *     Chinese and English labels, in the order pages list them.
 * </ul>
 * Both are computed once: the registry and the enums do not change while the server runs.
 */
final class KindRoutes {

    private static final Label BATTERY = new Label("电量", "battery");

    private final String kinds = kinds().encode();
    private final String vocabulary = vocabulary().encode();

    void mount(Router router) {
        router.get("/api/kinds").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(kinds));
        router.get("/api/vocabulary").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(vocabulary));
    }

    static JsonObject kinds() {
        JsonArray sensors = new JsonArray();
        KindRegistry.ALL.forEach(kind -> sensors.add(kind(kind)));
        JsonArray alerts = new JsonArray();
        AlertKind.values().forEach(kind -> alerts.add(new JsonObject().put("id", kind.id())
                .put("label", label(kind.label())).put("sensor", kind.sensor().map(SensorKind::id).orElse(null))));
        return new JsonObject().put("kinds", sensors).put("alert_kinds", alerts);
    }

    static JsonObject kind(SensorKind kind) {
        JsonArray fields = new JsonArray();
        kind.fields().forEach(field -> fields.add(field(field)));
        fields.add(new JsonObject().put("name", "battery").put("type", "number").put("unit", "%").put("min", 0)
                .put("max", 100).put("required", false).put("label", label(BATTERY)));
        KindDefaults defaults = kind.defaults();
        JsonObject rise = defaults.rise() == null ? null : new JsonObject().put("amount", defaults.rise())
                .put("window_s", defaults.riseWindow().toSeconds());
        return new JsonObject()
                .put("id", kind.id())
                .put("label", label(kind.label()))
                .put("icon", kind.icon())
                .put("colour", kind.colour())
                .put("measure", kind.fields().stream().filter(ReadingField::isNumber).findFirst()
                        .map(ReadingField::name).orElse(null))
                .put("fields", fields)
                .put("thresholds", new JsonObject().put("warn", defaults.warn()).put("danger", defaults.danger()))
                .put("rise", rise)
                .put("rule", kind.rule());
    }

    private static JsonObject field(ReadingField field) {
        JsonObject json = new JsonObject().put("name", field.name())
                .put("type", field.isNumber() ? "number" : "flag");
        if (field.isNumber()) {
            json.put("unit", field.unit()).put("min", field.min()).put("max", field.max());
        }
        return json.put("required", field.required()).put("label", label(field.label()));
    }

    static JsonObject vocabulary() {
        JsonArray severities = new JsonArray();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity severity = Severity.values()[i];
            severities.add(entry(severity.id(), severity.label()));
        }
        JsonArray levels = new JsonArray();
        for (Level level : Level.values()) {
            levels.add(entry(level.id(), Labels.LEVELS.getOrDefault(level.id(), fallback(level.id()))));
        }
        JsonArray roles = new JsonArray();
        for (Role role : Role.values()) {
            roles.add(entry(role.id(), Labels.ROLES.getOrDefault(role.id(), fallback(role.id())))
                    .put("level", role.unitLevel() == null ? null : role.unitLevel().id())
                    .put("answers_for_alerts", role.answersForAlerts()));
        }
        JsonArray statuses = new JsonArray();
        for (AlertStatus status : AlertStatus.values()) {
            statuses.add(entry(status.id(), Labels.STATUSES.getOrDefault(status.id(), fallback(status.id()))));
        }
        return new JsonObject().put("severities", severities).put("levels", levels).put("roles", roles)
                .put("statuses", statuses);
    }

    private static JsonObject entry(String id, Label label) {
        return new JsonObject().put("id", id).put("label", label(label));
    }

    static JsonObject label(Label label) {
        return new JsonObject().put("zh", label.zh()).put("en", label.en());
    }

    private static Label fallback(String id) {
        return new Label(id, id.replace('_', ' '));
    }

    /** Labels of the enums that live outside the vocabulary package (geo, people, alert). */
    static final class Labels {
        static final Map<String, Label> LEVELS = Map.of(
                "district", new Label("区", "district"),
                "subdistrict", new Label("街道", "subdistrict"),
                "community", new Label("社区", "community"),
                "sector", new Label("小分格", "sector"),
                "cell", new Label("综合网格", "cell"));
        static final Map<String, Label> ROLES = Map.of(
                "cell_worker", new Label("网格员", "grid worker"),
                "sector_leader", new Label("格长", "sector leader"),
                "community", new Label("社区工作站", "community workstation"),
                "subdistrict", new Label("街道办", "subdistrict office"),
                "district", new Label("区指挥中心", "district command centre"),
                "rescue", new Label("救援队", "rescue team"),
                "admin", new Label("管理员", "administrator"),
                "department", new Label("职能部门", "department"));
        static final Map<String, Label> STATUSES = Map.of(
                "open", new Label("待确认", "Open"),
                "acknowledged", new Label("已确认", "Acknowledged"),
                "dispatched", new Label("已派单", "Dispatched"),
                "accepted", new Label("已签收", "Accepted"),
                "handled", new Label("已处置，待核查", "Handled, to verify"),
                "returned", new Label("已退回", "Returned"),
                "resolved", new Label("已办结", "Resolved"));

        private Labels() {
        }
    }
}
