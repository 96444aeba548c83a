package io.gridwatch.alert;

import static io.gridwatch.alert.AlertFixture.T0;
import static io.gridwatch.alert.AlertFixture.await;
import static io.gridwatch.alert.AlertFixture.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import io.gridwatch.model.AlertKind;
import io.gridwatch.model.Reason;
import io.gridwatch.model.Severity;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The governance figures over alerts in known states: two cells of sector 01, one of sector 02 (same community), and
 * one alert opened before the period. The expected figures are counted from the story told in {@link #story()}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class AlertStatsTest {

    static final GridPath A = cell(1, 1);
    static final GridPath B = cell(1, 2);
    static final GridPath OTHER_SECTOR = cell(2, 1);
    static final String SECTOR = A.at(Level.SECTOR);
    static final String COMMUNITY = A.at(Level.COMMUNITY);
    static final EscalationPlan ONE_UP = (alert, now) -> alert.level().parent()
            .map(up -> new EscalationPlan.Step(up, now.plusSeconds(600)));
    /** Times to acknowledge, in seconds, of the three acknowledged alerts in sector 01. */
    static final long ACK_1 = 60;
    static final long ACK_2 = 120;
    static final long ACK_3 = 900;
    static final Instant FIRST_ESCALATION = T0.plusSeconds(700);
    static final Instant SECOND_ESCALATION = T0.plusSeconds(1400);

    static AlertFixture db;
    static AlertStore alerts;
    static AlertStats stats;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        db = AlertFixture.start(vertx);
        alerts = db.store();
        stats = alerts.stats();
        story();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    /**
     * In sector 01: (1) acknowledged and resolved at the cell; (2) acknowledged only; (3) escalated to the sector,
     * then acknowledged and resolved there; (4) escalated to the sector and the community, resolved there without an
     * acknowledgement; (5) still open. In sector 02: (6) acknowledged and resolved. Before the period: (7) resolved.
     */
    static void story() {
        Alert one = open("one", A, T0);
        Alert two = open("two", A, T0.plusSeconds(10));
        Alert three = open("three", B, T0.plusSeconds(20));
        Alert four = open("four", B, T0.plusSeconds(30));
        Alert six = open("six", OTHER_SECTOR, T0.plusSeconds(50));
        Alert seven = open("seven", A, T0.minus(Duration.ofDays(1)));
        await(alerts.resolve(seven.id(), "wang", null, seven.openedAt().plusSeconds(10)));
        await(alerts.acknowledge(one.id(), "wang", one.openedAt().plusSeconds(ACK_1)));
        await(alerts.acknowledge(two.id(), "wang", two.openedAt().plusSeconds(ACK_2)));
        await(alerts.acknowledge(six.id(), "li", six.openedAt().plusSeconds(30)));
        await(alerts.resolve(one.id(), "wang", "ok", T0.plusSeconds(200)));
        await(alerts.resolve(six.id(), "li", "ok", T0.plusSeconds(100)));
        // three and four are due at opening + 10 min: both climb to the sector
        assertThat(await(alerts.escalateDue(FIRST_ESCALATION, 100, ONE_UP))).hasSize(2);
        await(alerts.acknowledge(three.id(), "zhao", three.openedAt().plusSeconds(ACK_3)));
        await(alerts.resolve(three.id(), "zhao", "ok", T0.plusSeconds(1000)));
        // four is due again: it climbs to the community, where it is resolved
        assertThat(await(alerts.escalateDue(SECOND_ESCALATION, 100, ONE_UP))).hasSize(1);
        await(alerts.resolve(four.id(), "chen", "ok", T0.plusSeconds(1500)));
        open("five", A, T0.plusSeconds(40));
    }

    @Test
    void theSectorsFiguresCountItsAlertsOpenedInThePeriod() {
        // when
        AlertFigures f = await(stats.figures(Level.SECTOR, SECTOR, T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1))));

        // then: alerts one to five; one, two and three acknowledged; one, three and four resolved
        assertThat(f.opened()).isEqualTo(5);
        assertThat(f.acknowledged()).isEqualTo(3);
        assertThat(f.resolved()).isEqualTo(3);
        assertThat(f.settledAtCell()).isEqualTo(1);
        assertThat(f.settledInSector()).isEqualTo(2);
        assertThat(f.share(f.settledInSector())).isEqualTo(2.0 / 5);
        List<Double> delays = List.of((double) ACK_1, (double) ACK_2, (double) ACK_3);
        assertThat(f.ackMedianSeconds()).isEqualTo(percentile(delays, 0.5));
        assertThat(f.ackP90Seconds()).isCloseTo(percentile(delays, 0.9), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.escalations()).isEqualTo(Map.of(Level.SECTOR, 2L, Level.COMMUNITY, 1L, Level.SUBDISTRICT, 0L,
                Level.DISTRICT, 0L));
    }

    @Test
    void theCommunityAlsoCountsTheOtherSectorAndACellOnlyItsOwn() {
        Instant from = T0.minus(Duration.ofHours(1));
        Instant to = T0.plus(Duration.ofDays(1));

        AlertFigures community = await(stats.figures(Level.COMMUNITY, COMMUNITY, from, to));
        AlertFigures cellB = await(stats.figures(Level.CELL, B.at(Level.CELL), from, to));

        assertThat(community.opened()).isEqualTo(6);
        assertThat(community.settledAtCell()).isEqualTo(2);
        assertThat(cellB.opened()).isEqualTo(2);
        assertThat(cellB.settledAtCell()).isZero();
        assertThat(cellB.settledInSector()).isEqualTo(1);
        assertThat(cellB.ackMedianSeconds()).isEqualTo((double) ACK_3);
    }

    @Test
    void aPeriodWithNothingOpenedHasNoSharesNorTimesButCountsTheEscalationsInIt() {
        // when: only the second escalation falls in the period
        AlertFigures f = await(stats.figures(Level.SECTOR, SECTOR, FIRST_ESCALATION.plusSeconds(1),
                SECOND_ESCALATION.plusSeconds(1)));

        assertThat(f.opened()).isZero();
        assertThat(f.share(f.settledAtCell())).isNull();
        assertThat(f.ackMedianSeconds()).isNull();
        assertThat(f.ackP90Seconds()).isNull();
        assertThat(f.escalations().get(Level.COMMUNITY)).isEqualTo(1);
        assertThat(f.escalations().get(Level.SECTOR)).isZero();
    }

    private static Alert open(String device, GridPath path, Instant at) {
        return await(alerts.raise(new NewAlert(AlertKind.SMOKE, Severity.MAJOR, AlertSource.device(device), path,
                Level.CELL, null, Reason.of("test", "smoke"), at, at.plusSeconds(600)))).alert();
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks of the sorted values. */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        double position = p * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
    }
}
