package io.gridwatch.cli;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.gridwatch.people.PasswordHashing;
import io.gridwatch.people.PeopleStore;
import io.gridwatch.people.Person;
import io.gridwatch.people.Role;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's roster, created once: a grid worker per cell ({@code w-<cell id>}), a sector leader per sector
 * ({@code s-<sector id>}), a log-in per community ({@code c-<id>}) and per subdistrict ({@code sd-<id>}), one
 * {@code district} and one {@code rescue} team. The admin comes from the server's own bootstrap.
 *
 * <p><b>Demo only:</b> everybody shares the password {@value #PASSWORD}, hashed once (PBKDF2 takes about 0.1 s
 * per hash; 2,000 of them would hold the demo up for minutes) and inserted with that one hash in one statement.
 * A real roster goes through {@code POST /api/people}, which hashes each password. Never blocks; thread-safe.
 */
final class DemoRoster {

    /** The shared demo password of every roster log-in but the admin. */
    static final String PASSWORD = "demo";
    static final String DISTRICT = "district";
    static final String RESCUE = "rescue";

    private DemoRoster() {
    }

    static String worker(String cellId) {
        return "w-" + cellId;
    }

    static String sectorLeader(String sectorId) {
        return "s-" + sectorId;
    }

    /**
     * Creates the roster unless the {@code district} log-in exists already (a second run).
     *
     * @return how many people were added (0 when the roster was there)
     */
    static Future<Integer> ensure(PeopleStore store, PasswordHashing passwords, Grid grid) {
        return store.find(DISTRICT).compose(existing -> existing.isPresent() ? Future.succeededFuture(0)
                : passwords.hash(PASSWORD).compose(hash -> {
                    List<Person> people = people(grid, hash);
                    return store.insertAll(people).map(people.size());
                }));
    }

    /** Everybody of the demo roster, all with the same password hash. */
    static List<Person> people(Grid grid, String hash) {
        String district = grid.district().id();
        List<Person> people = new ArrayList<>();
        addPerUnit(people, grid, Level.CELL, Role.CELL_WORKER, "w-", "网格员 ", hash);
        addPerUnit(people, grid, Level.SECTOR, Role.SECTOR_LEADER, "s-", "格长 ", hash);
        addPerUnit(people, grid, Level.COMMUNITY, Role.COMMUNITY, "c-", "社区工作站 ", hash);
        addPerUnit(people, grid, Level.SUBDISTRICT, Role.SUBDISTRICT, "sd-", "街道办 ", hash);
        people.add(new Person(DISTRICT, "区指挥中心 " + grid.district().name(), Role.DISTRICT, district, null, hash));
        people.add(new Person(RESCUE, "应急救援队", Role.RESCUE, district, null, hash));
        return people;
    }

    private static void addPerUnit(List<Person> people, Grid grid, Level level, Role role, String prefix,
            String title, String hash) {
        for (GridUnit unit : grid.units(level)) {
            people.add(new Person(prefix + unit.id(), title + unit.name(), role, unit.id(), null, hash));
        }
    }
}
