package io.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import io.gridwatch.simulator.load.GridwatchApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Guangming's departments for the demo (分格发令,部门执行: the grid gives the order, these carry it out), each with
 * the alert kinds and report categories it takes by default and one duty log-in ({@code dept-<id>}, password
 * {@value DemoRoster#PASSWORD}). The departments are created through the API as the admin
 * ({@code POST /api/departments}), like any integrator would; their log-ins go in like the demo roster's, with its
 * one shared hash ({@link #staff}), since the API rightly refuses a password as short as the demo's. A department
 * found on a second run is kept as it is, with its log-in. Blocking (the demo's main thread); thread-safe.
 */
final class DemoDepartments {

    /** One department: its id, its Chinese name, what it takes by default. */
    record Department(String id, String name, List<String> handles) {

        String login() {
            return "dept-" + id;
        }
    }

    static final List<Department> GUANGMING = List.of(
            new Department("fire", "光明区消防救援大队", List.of("smoke", "heat", "fire_hazard", "blocked_fire_exit")),
            new Department("water", "光明区水务局", List.of("water_level", "flooding")),
            new Department("gas", "深圳市燃气集团光明分公司", List.of("gas", "gas_leak")),
            new Department("urban", "光明区城市管理和综合执法局", List.of("other")),
            new Department("housing", "光明区住房和建设局", List.of("structural_danger", "electrical_hazard")),
            new Department("police", "深圳市公安局光明分局", List.of()));

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoDepartments() {
    }

    /**
     * Creates the departments (and their log-ins) that the server does not have yet.
     *
     * @return the departments added (none on a second run)
     */
    static List<Department> ensure(GridwatchApi api, String adminPassword) {
        String token = api.login("admin", adminPassword);
        Set<String> existing = new HashSet<>();
        JsonNode listed = api.get("/api/departments", token);
        (listed.isArray() ? listed : listed.path("departments")).forEach(d -> existing.add(d.path("id").asText()));
        List<Department> missing = GUANGMING.stream().filter(d -> !existing.contains(d.id())).toList();
        if (missing.isEmpty()) {
            return missing;
        }
        ArrayNode departments = JSON.createArrayNode();
        for (Department department : missing) {
            ArrayNode handles = departments.addObject().put("id", department.id()).put("name", department.name())
                    .putArray("handles");
            department.handles().forEach(handles::add);
        }
        api.post("/api/departments", departments.toString(), token, 201);
        return missing;
    }

    /** The duty log-in of each department, all with the demo roster's one password hash. */
    static List<Person> staff(List<Department> departments, String hash) {
        return departments.stream().map(d -> new Person(d.login(), d.name() + " 值班员", Role.DEPARTMENT, d.id(), null,
                hash)).toList();
    }

    /** The banner's line naming every department's log-in. */
    static String banner() {
        List<String> logins = new ArrayList<>();
        for (Department department : GUANGMING) {
            logins.add(department.login() + " (" + department.name() + ")");
        }
        return "demo: departments log in at /department as " + String.join(", ", logins) + ", all / "
                + DemoRoster.PASSWORD;
    }
}
