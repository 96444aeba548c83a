package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoRosterTest {

    private static final Grid GRID = BundledGrid.guangming();

    @Test
    void theDemoRosterHasSomebodyForEveryUnitWithPredictableUsernames() {
        List<Person> people = DemoRoster.people(GRID, "hash");

        Map<Role, Long> perRole = people.stream().collect(Collectors.groupingBy(Person::role, Collectors.counting()));
        assertThat(perRole).containsEntry(Role.CELL_WORKER, 1_734L).containsEntry(Role.SECTOR_LEADER, 272L)
                .containsEntry(Role.COMMUNITY, 37L).containsEntry(Role.SUBDISTRICT, 6L)
                .containsEntry(Role.DISTRICT, 1L).containsEntry(Role.RESCUE, 1L).doesNotContainKey(Role.ADMIN);
        assertThat(people).extracting(Person::username).doesNotHaveDuplicates()
                .contains("district", "rescue", "w-440311005002-06-04", "s-440311005002-06");
    }

    @Test
    void everyPersonAnswersForAUnitAtTheLevelOfTheirRoleAndSharesTheOneHash() {
        assertThat(DemoRoster.people(GRID, "hash")).allSatisfy(person -> {
            assertThat(GRID.unit(person.unit()).orElseThrow().level()).isEqualTo(person.role().unitLevel());
            assertThat(person.passwordHash()).isEqualTo("hash");
        });
    }
}
