package io.gridwatch.department;

/** The SQL of the department store, in one place ({@code $n} parameters). */
final class DepartmentSql {

    private DepartmentSql() {
    }

    /** $1 ids, $2 names, $3 areas, $4 notify urls, $5 formats, $6 secrets. */
    static final String INSERT = """
            INSERT INTO departments (id, name, area, notify_url, notify_format, notify_secret)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])""";

    /** $1 id, $2 name, $3 area, $4 notify url, $5 format, $6 secret. */
    static final String UPDATE = """
            UPDATE departments SET name = $2, area = $3, notify_url = $4, notify_format = $5, notify_secret = $6,
                updated_at = now()
            WHERE id = $1""";

    /** $1 department ids, $2 handles, $3 areas. */
    static final String INSERT_HANDLES = """
            INSERT INTO department_handles (department_id, handle, area)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])""";

    /** $1 id. */
    static final String DELETE_HANDLES = "DELETE FROM department_handles WHERE department_id = $1";

    private static final String SELECT = """
            SELECT d.id, d.name, d.area, d.notify_url, d.notify_format, d.notify_secret,
                coalesce(array_agg(h.handle ORDER BY h.handle) FILTER (WHERE h.handle IS NOT NULL), '{}') AS handles
            FROM departments d LEFT JOIN department_handles h ON h.department_id = d.id
            %s
            GROUP BY d.id
            ORDER BY d.id""";

    static final String LIST = SELECT.formatted("");

    /** $1 id. */
    static final String FIND = SELECT.formatted("WHERE d.id = $1");

    /**
     * The department that takes handle $1 on the path $2 (unit ids from the cell up to the district): the one whose
     * area is nearest the cell.
     */
    static final String DEFAULT_FOR = """
            SELECT department_id FROM department_handles
            WHERE handle = $1 AND area = ANY ($2::text[])
            ORDER BY array_position($2::text[], area)
            LIMIT 1""";
}
