package io.gridwatch.people;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.error.ClientError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Adds people to the roster: each unit must exist at the level that fits the role (a cell for a
 * cell worker, a sector for a sector leader, …, the district for district, rescue and admin; a known
 * department for department staff).
 * Passwords are hashed on worker threads; a batch is stored all or nothing. Thread-safe.
 */
public final class Roster {

    private final PasswordHashing passwords;
    private final PeopleStore store;
    private final Grid grid;
    private final Runnable changed;
    private final Function<String, Future<Boolean>> departmentExists;

    /** A roster without departments: people with role department are refused. */
    public Roster(PasswordHashing passwords, PeopleStore store, Grid grid, Runnable changed) {
        this(passwords, store, grid, changed, id -> Future.succeededFuture(false));
    }

    /**
     * @param changed called after people were added (e.g. to reload the routing's view of the roster)
     * @param departmentExists whether a department id is known (the unit of a person with role department)
     */
    public Roster(PasswordHashing passwords, PeopleStore store, Grid grid, Runnable changed,
            Function<String, Future<Boolean>> departmentExists) {
        this.passwords = passwords;
        this.store = store;
        this.grid = grid;
        this.changed = changed;
        this.departmentExists = departmentExists;
    }

    /** @throws ClientError (in the future) 400/422 for bad items, 409 for a username that is taken */
    public Future<List<Person>> add(List<PersonRequest> requests) {
        try {
            check(requests);
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        return departmentsExist(requests).compose(checked -> {
            List<Future<Person>> hashed = requests.stream()
                    .map(r -> passwords.hash(r.password())
                            .map(hash -> new Person(r.username(), r.name(), r.role(), r.unit(), r.phone(), hash)))
                    .toList();
            return Future.all(hashed);
        })
                .compose(all -> {
                    List<Person> people = all.<Person>list();
                    return store.insertAll(people).map(people);
                })
                .onSuccess(added -> changed.run());
    }

    /** Department staff: their unit must be a known department. */
    private Future<Void> departmentsExist(List<PersonRequest> requests) {
        List<Future<Void>> checks = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            PersonRequest request = requests.get(i);
            String where = requests.size() == 1 ? "" : "person " + i + ": ";
            if (request.role().isDepartment()) {
                checks.add(departmentExists.apply(request.unit()).compose(known -> known ? Future.<Void>succeededFuture()
                        : Future.failedFuture(ClientError.unprocessable(where + "unit \"" + request.unit()
                                + "\" is not a department (POST /api/departments first)"))));
            }
        }
        return Future.all(checks).mapEmpty();
    }

    private void check(List<PersonRequest> requests) {
        Set<String> usernames = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            PersonRequest request = requests.get(i);
            String where = requests.size() == 1 ? "" : "person " + i + ": ";
            if (!usernames.add(request.username())) {
                throw ClientError.badRequest(where + "username \"" + request.username() + "\" appears twice");
            }
            if (request.role().isDepartment()) {
                continue;
            }
            GridUnit unit = grid.unit(request.unit()).orElseThrow(() ->
                    ClientError.unprocessable(where + "unit \"" + request.unit() + "\" is not in the grid"));
            if (unit.level() != request.role().unitLevel()) {
                throw ClientError.unprocessable(where + "a " + request.role().id() + " answers for a "
                        + request.role().unitLevel() + ", but \"" + unit.id() + "\" is a " + unit.level());
            }
        }
    }
}
