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

    /**
     * Changes a person; their tokens issued before are revoked (the database moves their token version).
     *
     * @throws ClientError (in the future) 404 for nobody of that name, 422 for a unit that does not fit the role
     */
    public Future<Person> change(String username, PersonChange change) {
        return existing(username).compose(account -> {
            Person before = account.person();
            Role role = change.role().orElse(before.role());
            String unit = change.unit().orElse(before.unit());
            try {
                fits(role, unit, "");
            } catch (ClientError e) {
                return Future.failedFuture(e);
            }
            Future<Void> department = !role.isDepartment() ? Future.succeededFuture()
                    : departmentExists.apply(unit).compose(known -> known ? Future.<Void>succeededFuture()
                            : Future.failedFuture(ClientError.unprocessable("unit \"" + unit
                                    + "\" is not a department (POST /api/departments first)")));
            Future<String> hash = department.compose(ok -> change.password().map(passwords::hash)
                    .orElse(Future.succeededFuture(before.passwordHash())));
            return hash.compose(h -> {
                Person after = change.applyTo(before, h);
                return store.update(account, after).map(after);
            });
        }).onSuccess(changed -> this.changed.run());
    }

    /** Disables a person: no log-in, no alerts routed to them, their tokens revoked. */
    public Future<Void> disable(String username) {
        return store.disable(username).compose(version -> version.isPresent() ? Future.<Void>succeededFuture()
                : Future.failedFuture(ClientError.notFound("no person \"" + username + "\"")))
                .onSuccess(v -> changed.run());
    }

    /**
     * A person changes their own password, proving the current one; returns the new token version (every token
     * issued before, this session's included, is revoked).
     *
     * @throws ClientError (in the future) 403 when the current password is wrong
     */
    public Future<Account> changeOwnPassword(String username, String current, String replacement) {
        return existing(username).compose(account -> passwords.matches(account.person().passwordHash(), current)
                .compose(ok -> ok ? passwords.hash(replacement) : Future.failedFuture(
                        ClientError.forbidden("the current password is wrong")))
                .compose(hash -> {
                    Person after = PersonChange.passwordOnly().applyTo(account.person(), hash);
                    return store.update(account, after).map(version -> new Account(after, version, false));
                }));
    }

    private Future<Account> existing(String username) {
        return store.account(username).compose(found -> found.isPresent() && !found.get().disabled()
                ? Future.succeededFuture(found.get())
                : Future.failedFuture(ClientError.notFound("no person \"" + username + "\"")));
    }

    /** The unit is in the grid at the role's level (department staff: checked against the departments instead). */
    private void fits(Role role, String unitId, String where) {
        if (role.isDepartment()) {
            return;
        }
        GridUnit unit = grid.unit(unitId).orElseThrow(() ->
                ClientError.unprocessable(where + "unit \"" + unitId + "\" is not in the grid"));
        if (unit.level() != role.unitLevel()) {
            throw ClientError.unprocessable(where + "a " + role.id() + " answers for a "
                    + role.unitLevel() + ", but \"" + unit.id() + "\" is a " + unit.level());
        }
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
            fits(request.role(), request.unit(), where);
        }
    }
}
