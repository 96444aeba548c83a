package io.gridwatch.alert;

import static io.gridwatch.alert.AlertFixture.T0;
import static io.gridwatch.alert.AlertFixture.await;
import static io.gridwatch.alert.AlertFixture.cell;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Listing alerts by scope, status and time, and the alert JSON. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AlertListTest {

    static AlertFixture db;
    static AlertStore alerts;
    static Alert sector1Cell1;
    static Alert sector1Cell2;
    static Alert sector2Cell1;
    static Alert otherSubdistrict;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        db = AlertFixture.start(vertx);
        alerts = db.store();
        // four alerts, one minute apart: three in community 440311001001 (two sectors), one elsewhere
        sector1Cell1 = open("a", cell(1, 1), T0);
        sector1Cell2 = open("b", cell(1, 2), T0.plusSeconds(60));
        sector2Cell1 = open("c", cell(2, 1), T0.plusSeconds(120));
        otherSubdistrict = open("d", new GridPath("440311", "440311002", "440311002001", "440311002001-01",
                "440311002001-01-01"), T0.plusSeconds(180));
        await(alerts.acknowledge(sector1Cell2.id(), "wang", T0.plusSeconds(200)));
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void aSectorSeesOnlyItsOwnAlertsNewestFirst() {
        // given alerts in two sectors
        // when sector 01 lists its alerts
        List<Alert> listed = await(alerts.list(AlertQuery.all(100).within(Level.SECTOR, cell(1, 1).sector())));
        // then it gets its two, the newest first
        assertThat(listed).extracting(Alert::id).containsExactly(sector1Cell2.id(), sector1Cell1.id());
    }

    @Test
    void eachLevelScopesToItsUnitAndEverythingBelow() {
        assertThat(ids(AlertQuery.all(100).within(Level.CELL, cell(1, 1).cell()))).containsExactly(sector1Cell1.id());
        assertThat(ids(AlertQuery.all(100).within(Level.COMMUNITY, "440311001001")))
                .containsExactly(sector2Cell1.id(), sector1Cell2.id(), sector1Cell1.id());
        assertThat(ids(AlertQuery.all(100).within(Level.SUBDISTRICT, "440311002")))
                .containsExactly(otherSubdistrict.id());
        assertThat(ids(AlertQuery.all(100).within(Level.DISTRICT, "440311"))).hasSize(4);
        assertThat(ids(AlertQuery.all(100))).hasSize(4);
        assertThat(ids(AlertQuery.all(100).within(Level.SECTOR, "no-such-sector"))).isEmpty();
    }

    @Test
    void statusSinceAndLimitFilter() {
        // given one acknowledged alert among open ones
        // when filtering
        // then each filter narrows the list
        assertThat(ids(AlertQuery.all(100).withStatus(AlertStatus.ACKNOWLEDGED)))
                .containsExactly(sector1Cell2.id());
        assertThat(ids(AlertQuery.all(100).withStatus(AlertStatus.OPEN).within(Level.SECTOR, cell(1, 1).sector())))
                .containsExactly(sector1Cell1.id());
        assertThat(ids(AlertQuery.all(100).withStatus(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED))).hasSize(4);
        assertThat(ids(AlertQuery.all(100).withStatus(AlertStatus.RESOLVED))).isEmpty();
        assertThat(ids(AlertQuery.all(100).since(T0.plusSeconds(120))))
                .containsExactly(otherSubdistrict.id(), sector2Cell1.id());
        assertThat(ids(AlertQuery.all(1))).containsExactly(otherSubdistrict.id());
    }

    @Test
    void theJsonHasTheContractFields() {
        // given an open alert with a value and an acknowledged one
        // when shown as JSON
        JsonObject open = sector1Cell1.toJson();
        JsonObject acked = await(alerts.find(sector1Cell2.id())).orElseThrow().toJson();
        // then the fields are those of ARCHITECTURE 3.4 (plus count, reason with its code and values, escalate_at,
        // updated_at, cleared_at, escalations)
        assertThat(open.fieldNames()).containsExactly("id", "kind", "severity", "status", "path", "source",
                "opened_at", "acked_at", "resolved_at", "level", "value", "count", "reason", "reason_code",
                "reason_values", "escalate_at",
                "updated_at", "cleared_at", "escalations");
        assertThat(open.getString("updated_at")).isEqualTo(sector1Cell1.updatedAt().toString());
        assertThat(open.getValue("cleared_at")).isNull();
        assertThat(open.getString("id")).isEqualTo(Long.toString(sector1Cell1.id()));
        assertThat(open.getString("kind")).isEqualTo("smoke");
        assertThat(open.getString("severity")).isEqualTo("critical");
        assertThat(open.getString("status")).isEqualTo("open");
        assertThat(open.getJsonObject("path").getMap()).containsExactly(
                entry("district", "440311"), entry("subdistrict", "440311001"),
                entry("community", "440311001001"), entry("sector", "440311001001-01"),
                entry("cell", "440311001001-01-01"));
        assertThat(open.getJsonObject("source")).isEqualTo(new JsonObject().put("device", "a"));
        assertThat(open.getString("opened_at")).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(open.getValue("acked_at")).isNull();
        assertThat(open.getString("level")).isEqualTo("cell");
        assertThat(open.getDouble("value")).isEqualTo(0.5);
        assertThat(acked.getString("status")).isEqualTo("acknowledged");
        assertThat(acked.getString("acked_at")).isEqualTo("2026-11-20T08:03:20Z");
        assertThat(acked.getValue("escalate_at")).isNull();
        JsonObject report = new Alert(7, AlertKind.REPORT, Severity.MAJOR, AlertStatus.OPEN, AlertSource.report("r-9"),
                cell(1, 1), Level.CELL, null, 1, Reason.of("test", "report"), T0, T0, null, null, null, null, null, null, null).toJson();
        assertThat(report.containsKey("value")).isFalse();
        assertThat(report.getJsonObject("source")).isEqualTo(new JsonObject().put("report", "r-9"));
    }

    private static List<Long> ids(AlertQuery query) {
        return await(alerts.list(query)).stream().map(Alert::id).toList();
    }

    private static Alert open(String device, GridPath path, Instant at) {
        return await(alerts.raise(new NewAlert(AlertKind.SMOKE, Severity.CRITICAL, AlertSource.device(device), path,
                Level.CELL, 0.5, Reason.of("test", "smoke alarm"), at, at.plusSeconds(600)))).alert();
    }
}
