package io.gridwatch.grafana;

import static io.gridwatch.grafana.DashboardFixture.await;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStore;
import io.gridwatch.alert.EscalationPlan;
import io.gridwatch.alert.NewAlert;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Realistic alert histories written through the real {@link AlertStore}, the same in every cell (shifted a little per
 * cell): a critical smoke alert acknowledged within minutes and resolved at cell level; a major water-level alert
 * that escalates to the sector, is acknowledged there and resolved; a minor battery alert that climbs to the
 * community and stays acknowledged; a resident's report resolved at cell level; and an offline alert nobody has
 * acknowledged. Acknowledgements, resolutions and escalation runs are replayed in time order.
 */
final class AlertHistory {

    /** One level up, due again ten minutes later; nowhere to go from the district. */
    private static final EscalationPlan ONE_UP = (alert, now) -> alert.level().parent()
            .map(up -> new EscalationPlan.Step(up, up == Level.DISTRICT ? null : now.plusSeconds(600)));

    private final AlertStore alerts;
    private final List<Step> timeline = new ArrayList<>();

    private record Step(Instant at, Supplier<Future<?>> action) {
    }

    AlertHistory(Pool pool) {
        this.alerts = new AlertStore(pool);
    }

    void fill(List<GridPath> cells, Instant start) {
        for (int i = 0; i < cells.size(); i++) {
            GridPath cell = cells.get(i);
            Duration shift = Duration.ofMinutes(i);
            Instant smoke = start.plus(Duration.ofMinutes(20)).plus(shift);
            Alert fire = raise(cell, AlertKind.SMOKE, Severity.CRITICAL, AlertSource.device("sm-" + cell.cell()),
                    smoke, smoke.plus(minutes(3)));
            acknowledge(fire, smoke.plus(Duration.ofSeconds(45 + 10L * i)));
            resolve(fire, smoke.plus(minutes(15)));

            Instant water = start.plus(minutes(40)).plus(shift);
            Alert flood = raise(cell, AlertKind.WATER_LEVEL, Severity.MAJOR, AlertSource.device("wl-" + cell.cell()),
                    water, water.plus(minutes(15)));
            escalate(water.plus(minutes(16)));
            acknowledge(flood, water.plus(minutes(20)));
            resolve(flood, water.plus(minutes(40)));

            Instant battery = start.plus(minutes(70)).plus(shift);
            Alert weak = raise(cell, AlertKind.BATTERY, Severity.MINOR, AlertSource.device("sm-weak-" + cell.cell()),
                    battery, battery.plus(minutes(5)));
            escalate(battery.plus(minutes(6)));
            escalate(battery.plus(minutes(17)));
            acknowledge(weak, battery.plus(minutes(25)));

            Instant report = start.plus(minutes(100)).plus(shift);
            Alert photo = raise(cell, AlertKind.REPORT, Severity.MINOR, AlertSource.report("r-" + cell.cell()),
                    report, null);
            acknowledge(photo, report.plus(minutes(3)));
            resolve(photo, report.plus(minutes(30)));

            Instant silent = start.plus(minutes(150)).plus(shift);
            raise(cell, AlertKind.OFFLINE, Severity.MINOR, AlertSource.device("sm-weak-" + cell.cell()), silent, null);
        }
        timeline.sort(Comparator.comparing(Step::at));
        for (Step step : timeline) {
            await(step.action().get());
        }
    }

    private Alert raise(GridPath cell, AlertKind kind, Severity severity, AlertSource source, Instant at,
            Instant escalateAt) {
        NewAlert raise = new NewAlert(kind, severity, source, cell, Level.CELL, 1.0, Reason.of("test", kind.id() + " in test"), at,
                escalateAt);
        return await(alerts.raise(raise)).alert();
    }

    private void acknowledge(Alert alert, Instant at) {
        timeline.add(new Step(at, () -> alerts.acknowledge(alert.id(), "worker", at)));
    }

    private void resolve(Alert alert, Instant at) {
        timeline.add(new Step(at, () -> alerts.resolve(alert.id(), "worker", "settled", at)));
    }

    private void escalate(Instant at) {
        timeline.add(new Step(at, () -> alerts.escalateDue(at, 100, ONE_UP)));
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
