package io.gridwatch.department;

import io.gridwatch.error.ClientError;
import io.gridwatch.outbox.NotifyTarget;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Departments and the kinds and categories they take, in PostgreSQL (vertx-pg-client; never blocks). Writes are one
 * transaction each: a batch is stored all or nothing. Thread-safe: no state besides the pool.
 */
public final class DepartmentStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public DepartmentStore(Pool pool) {
        this.pool = pool;
    }

    /** @throws ClientError (in the future) 409 when an id is taken, or a handle already has a department in that area */
    public Future<Void> insertAll(List<Department> departments) {
        return pool.withTransaction(conn -> conn.preparedQuery(DepartmentSql.INSERT).execute(Tuple.of(
                        departments.stream().map(Department::id).toArray(String[]::new),
                        departments.stream().map(Department::name).toArray(String[]::new),
                        departments.stream().map(Department::area).toArray(String[]::new),
                        departments.stream().map(d -> d.notifyTarget() == null ? null : d.notifyTarget().url()).toArray(String[]::new),
                        departments.stream().map(d -> d.notifyTarget() == null ? null : d.notifyTarget().format().id())
                                .toArray(String[]::new),
                        departments.stream().map(d -> d.notifyTarget() == null ? null : d.notifyTarget().secret())
                                .toArray(String[]::new)))
                .compose(inserted -> insertHandles(conn, departments)))
                .recover(DepartmentStore::conflict);
    }

    /**
     * Replaces everything about the department.
     *
     * @return false when there is no such department (nothing changed)
     * @throws ClientError (in the future) 409 when a handle already has another department in that area
     */
    public Future<Boolean> replace(Department department) {
        NotifyTarget notify = department.notifyTarget();
        return pool.withTransaction(conn -> conn.preparedQuery(DepartmentSql.UPDATE).execute(Tuple.of(
                        department.id(), department.name(), department.area(),
                        notify == null ? null : notify.url(), notify == null ? null : notify.format().id(),
                        notify == null ? null : notify.secret()))
                .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(false)
                        : conn.preparedQuery(DepartmentSql.DELETE_HANDLES).execute(Tuple.of(department.id()))
                                .compose(deleted -> insertHandles(conn, List.of(department)))
                                .map(true)))
                .recover(DepartmentStore::conflict);
    }

    public Future<List<Department>> list() {
        return pool.query(DepartmentSql.LIST).execute().map(rows -> {
            List<Department> all = new ArrayList<>(rows.size());
            rows.forEach(row -> all.add(department(row)));
            return all;
        });
    }

    public Future<Optional<Department>> find(String id) {
        return find(pool, id);
    }

    /** {@link #find(String)} on the caller's connection (inside its transaction). */
    public Future<Optional<Department>> find(SqlClient client, String id) {
        return client.preparedQuery(DepartmentSql.FIND).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(department(rows.iterator().next())));
    }

    /**
     * The department that takes {@code handle} on a path by default: the one whose area is nearest the cell.
     *
     * @param pathUp the path's unit ids from the cell up to the district
     */
    public Future<Optional<String>> defaultFor(SqlClient client, String handle, List<String> pathUp) {
        return client.preparedQuery(DepartmentSql.DEFAULT_FOR)
                .execute(Tuple.of(handle, (Object) pathUp.toArray(String[]::new)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString(0)));
    }

    private static Future<Void> insertHandles(SqlConnection conn, List<Department> departments) {
        List<String> ids = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<String> areas = new ArrayList<>();
        for (Department department : departments) {
            for (String handle : department.handles()) {
                ids.add(department.id());
                handles.add(handle);
                areas.add(department.area());
            }
        }
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        return conn.preparedQuery(DepartmentSql.INSERT_HANDLES).execute(Tuple.of(ids.toArray(String[]::new),
                handles.toArray(String[]::new), areas.toArray(String[]::new))).mapEmpty();
    }

    private static <T> Future<T> conflict(Throwable failure) {
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            String what = "department_handles_handle_area_key".equals(pg.getConstraint())
                    ? "a handle already has a department in that area" : "a department id is taken";
            return Future.failedFuture(ClientError.conflict(what + ": " + pg.getDetail()));
        }
        return Future.failedFuture(failure);
    }

    private static Department department(Row row) {
        String url = row.getString("notify_url");
        NotifyTarget notify = url == null ? null : new NotifyTarget(url,
                NotifyTarget.Format.fromId(row.getString("notify_format")).orElseThrow(),
                row.getString("notify_secret"));
        return new Department(row.getString("id"), row.getString("name"), List.of(row.getArrayOfStrings("handles")),
                row.getString("area"), notify);
    }
}
