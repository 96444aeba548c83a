package io.gridwatch.store;

/** The SQL of the grid_units table, in one place. */
final class GridSql {

    private GridSql() {
    }

    /** Inserts or updates every unit; a row that has not changed is left alone (no dead tuples each start). */
    static final String UPSERT = """
            INSERT INTO grid_units (id, level, parent, name, geometry)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, parent = EXCLUDED.parent, name = EXCLUDED.name,
                geometry = EXCLUDED.geometry
            WHERE (grid_units.level, grid_units.parent, grid_units.name, grid_units.geometry)
                IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.parent, EXCLUDED.name, EXCLUDED.geometry)
            """;

    /** Removes units that are no longer in the grid. */
    static final String DELETE_OTHERS = "DELETE FROM grid_units WHERE NOT (id = ANY ($1::text[]))";

    static final String COUNT = "SELECT count(*) FROM grid_units";

    /** Held until the transaction ends: one node at a time makes {@code grid_units} equal to its grid. */
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('gridwatch.grid-units'))";
}
