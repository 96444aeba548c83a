package io.gridwatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.geo.model.Level;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {

    static final GridPath PATH = new GridPath("d", "sd", "c", "s", "x");

    @Test
    void aStaffedCellGetsItsOwnAlerts() {
        assertThat(new Routing(Set.of("x", "s")::contains).start(PATH)).isEqualTo(Level.CELL);
    }

    @Test
    void emptyLevelsAreSkippedOnTheWayUp() {
        Routing routing = new Routing(Set.of("c")::contains);

        assertThat(routing.start(PATH)).isEqualTo(Level.COMMUNITY);
        assertThat(routing.next(PATH, Level.CELL)).contains(Level.COMMUNITY);
        assertThat(routing.next(PATH, Level.COMMUNITY)).contains(Level.DISTRICT);
    }

    @Test
    void withNobodyAnywhereTheDistrictAnswersAndNothingIsAboveIt() {
        Routing routing = new Routing(unit -> false);

        assertThat(routing.start(PATH)).isEqualTo(Level.DISTRICT);
        assertThat(routing.next(PATH, Level.DISTRICT)).isEmpty();
        assertThat(Routing.isTop(Level.DISTRICT)).isTrue();
        assertThat(Routing.isTop(Level.SUBDISTRICT)).isFalse();
    }
}
