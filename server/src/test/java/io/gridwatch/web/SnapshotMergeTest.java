package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alert.Alert;
import io.gridwatch.alert.AlertEventType;
import io.gridwatch.alert.AlertSource;
import io.gridwatch.alert.AlertStatus;
import io.gridwatch.dispatch.AlertPublisher;
import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotMergeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void anEventTheSnapshotAlreadyShowsIsDroppedAndANewerOneIsKept() {
        // given a snapshot taken after alert 1's opening but before alert 2's acknowledgement
        Alert one = alert(1, AlertStatus.OPEN, T0);
        Alert twoOpen = alert(2, AlertStatus.OPEN, T0);
        Alert twoAcked = alert(2, AlertStatus.ACKNOWLEDGED, T0.plusSeconds(5));
        String oneOpened = frame(AlertEventType.OPENED, one);
        String twoAcknowledged = frame(AlertEventType.ACKNOWLEDGED, twoAcked);
        String threeOpened = frame(AlertEventType.OPENED, alert(3, AlertStatus.OPEN, T0.plusSeconds(6)));

        // when
        List<String> fresh = SnapshotMerge.fresh(List.of(one, twoOpen), List.of(oneOpened, twoAcknowledged, threeOpened));

        // then
        assertThat(fresh).containsExactly(twoAcknowledged, threeOpened);
    }

    @Test
    void framesThatAreNotAlertEventsPassThrough() {
        List<String> fresh = SnapshotMerge.fresh(List.of(alert(1, AlertStatus.OPEN, T0)),
                List.of("{\"type\":\"pong\"}", "not json"));

        assertThat(fresh).containsExactly("{\"type\":\"pong\"}", "not json");
    }

    private static String frame(AlertEventType type, Alert alert) {
        return AlertPublisher.frame(type, alert).encode();
    }

    private static Alert alert(long id, AlertStatus status, Instant updatedAt) {
        GridPath path = new GridPath("440311", "440311001", "440311001001", "440311001001-01", "440311001001-01-01");
        return new Alert(id, AlertKind.SMOKE, Severity.MAJOR, status, AlertSource.device("d" + id), path, Level.CELL,
                null, 1, Reason.of("test", "smoke"), T0, updatedAt, status == AlertStatus.ACKNOWLEDGED ? updatedAt : null,
                status == AlertStatus.ACKNOWLEDGED ? "wang" : null, null, null, null, null, null);
    }
}
