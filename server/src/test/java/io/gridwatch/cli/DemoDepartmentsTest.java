package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.cli.DemoDepartments.Department;
import io.gridwatch.report.Category;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DemoDepartmentsTest {

    @Test
    void everyReportCategoryAndHazardKindGoesToExactlyOneDemoDepartmentByDefault() {
        // sensor kinds whose alerts a department acts on (offline and battery stay with the grid: a device to fix)
        List<String> taken = DemoDepartments.GUANGMING.stream().flatMap(d -> d.handles().stream()).toList();

        assertThat(taken).doesNotHaveDuplicates().contains("smoke", "heat", "water_level", "gas")
                .doesNotContain("offline", "battery");
        assertThat(taken).containsAll(Arrays.stream(Category.values()).map(Category::id).toList());
    }

    @Test
    void theFireAndTheFloodOfTheDemoHaveTheirDepartmentsAndEachDepartmentItsOwnLogIn() {
        assertThat(DemoDepartments.GUANGMING).filteredOn(d -> d.handles().contains("smoke"))
                .extracting(Department::name).containsExactly("光明区消防救援大队");
        assertThat(DemoDepartments.GUANGMING).filteredOn(d -> d.handles().contains("water_level"))
                .extracting(Department::name).containsExactly("光明区水务局");
        assertThat(DemoDepartments.GUANGMING).hasSize(6).extracting(Department::id).doesNotHaveDuplicates();
        assertThat(DemoDepartments.GUANGMING).extracting(Department::login).doesNotHaveDuplicates()
                .allSatisfy(login -> assertThat(login).startsWith("dept-"));
        assertThat(DemoDepartments.banner()).contains("dept-fire (光明区消防救援大队)", "/ " + DemoRoster.PASSWORD);
        assertThat(DemoDepartments.staff(DemoDepartments.GUANGMING, "hash")).allSatisfy(person -> {
            assertThat(person.role()).isEqualTo(io.gridwatch.people.Role.DEPARTMENT);
            assertThat(person.username()).isEqualTo("dept-" + person.unit());
            assertThat(person.passwordHash()).isEqualTo("hash");
        });
    }
}
