package io.gridwatch.department;

import io.gridwatch.error.ClientError;
import io.gridwatch.geo.model.Grid;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds and changes departments: each area must be a unit of the grid (default: the district); ids are unique in a
 * batch. Thread-safe.
 */
public final class Departments {

    private final DepartmentStore store;
    private final Grid grid;

    public Departments(DepartmentStore store, Grid grid) {
        this.store = store;
        this.grid = grid;
    }

    public DepartmentStore store() {
        return store;
    }

    /** @throws ClientError (in the future) 400/422 for bad items, 409 for a taken id or handle */
    public Future<List<Department>> add(List<DepartmentRequest> requests) {
        List<Department> departments;
        try {
            departments = check(requests);
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        return store.insertAll(departments).map(departments);
    }

    /** @throws ClientError (in the future) 404 unknown, 422 bad area, 409 for a taken handle */
    public Future<Department> replace(DepartmentRequest request) {
        Department department;
        try {
            department = check(List.of(request)).get(0);
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        return store.replace(department).compose(found -> found ? Future.succeededFuture(department)
                : Future.failedFuture(ClientError.notFound("no department \"" + request.id() + "\"")));
    }

    private List<Department> check(List<DepartmentRequest> requests) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            DepartmentRequest request = requests.get(i);
            String where = requests.size() == 1 ? "" : "department " + i + ": ";
            if (!ids.add(request.id())) {
                throw ClientError.badRequest(where + "id \"" + request.id() + "\" appears twice");
            }
            if (request.area() != null && grid.unit(request.area()).isEmpty()) {
                throw ClientError.unprocessable(where + "area \"" + request.area() + "\" is not in the grid");
            }
        }
        String district = grid.district().id();
        return requests.stream().map(r -> r.toDepartment(district)).toList();
    }
}
