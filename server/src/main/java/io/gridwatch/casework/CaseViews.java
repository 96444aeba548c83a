package io.gridwatch.casework;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.dispatch.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Alerts as the case pages show them: the alert JSON with its latest dispatch as {@code case} (absent when never
 * dispatched), and a department's cases. Thread-safe.
 */
public final class CaseViews {

    private final AlertStore alerts;
    private final CaseStore cases;

    public CaseViews(AlertStore alerts, CaseStore cases) {
        this.alerts = alerts;
        this.cases = cases;
    }

    /** The alerts' JSON, each with its {@code case} when it has one, in the same order. */
    public Future<JsonArray> render(List<Alert> list) {
        return cases.latest(list.stream().map(Alert::id).toList()).map(byAlert -> {
            JsonArray out = new JsonArray();
            for (Alert alert : list) {
                JsonObject json = alert.toJson();
                Dispatch dispatch = byAlert.get(alert.id());
                if (dispatch != null) {
                    json.put("case", dispatch.toJson());
                }
                out.add(json);
            }
            return out;
        });
    }

    /** One alert's JSON with its case. */
    public Future<JsonObject> render(Alert alert) {
        return render(List.of(alert)).map(array -> array.getJsonObject(0));
    }

    /** A department's cases not yet closed (its websocket snapshot). */
    public Future<List<Alert>> openOf(Caller department, int limit) {
        return cases.openOf(department.unit(), limit).compose(alerts::findAll);
    }

    /** A department's cases in these statuses (its latest dispatch went there). */
    public Future<List<Alert>> ofDepartment(String department, List<AlertStatus> statuses, int limit) {
        return cases.ofDepartment(department, statuses, limit).compose(alerts::findAll);
    }

    /** Whether a department person may see this alert: it was dispatched to their department at some point. */
    public Future<Boolean> departmentSees(Caller caller, long alertId) {
        return cases.latest(List.of(alertId)).compose(latest -> {
            Dispatch dispatch = latest.get(alertId);
            return Future.succeededFuture(dispatch != null && dispatch.departmentId().equals(caller.unit()));
        });
    }
}
