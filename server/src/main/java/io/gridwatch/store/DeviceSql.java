package io.gridwatch.store;

/** The SQL of the device registry, in one place. */
final class DeviceSql {

    private DeviceSql() {
    }

    private static final String COLUMNS = "id, kind, name, lon, lat, cell_id, warn, danger, created_at";

    /** Any number of devices in one statement: all are stored or none. */
    static final String INSERT = """
            INSERT INTO devices (id, kind, name, lon, lat, cell_id, warn, danger, token_hash, created_at)
            SELECT id, kind, name, lon, lat, cell_id, warn, danger, token_hash, coalesce(created_at, now())
            FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[],
                        $7::float8[], $8::float8[], $9::text[], $10::timestamptz[])
                AS d (id, kind, name, lon, lat, cell_id, warn, danger, token_hash, created_at)
            """;

    static final String FIND = "SELECT " + COLUMNS + " FROM devices WHERE id = $1";

    static final String CREDENTIALS = "SELECT " + COLUMNS + ", token_hash FROM devices WHERE id = $1";

    static final String ALL_CREDENTIALS = "SELECT " + COLUMNS + ", token_hash FROM devices";

    static final String SOME_CREDENTIALS = ALL_CREDENTIALS + " WHERE id = ANY($1::text[])";

    static final String LIST = "SELECT " + COLUMNS + " FROM devices ORDER BY id LIMIT $1 OFFSET $2";

    static final String LIST_IN_CELLS = "SELECT " + COLUMNS
            + " FROM devices WHERE cell_id = ANY($3::text[]) ORDER BY id LIMIT $1 OFFSET $2";

    static final String COUNT = "SELECT count(*) FROM devices";

    private static final String STATE_COLUMNS =
            "device_id, last_ts, last_seq, " + ReadingSql.VALUE_COLUMNS + ", battery, received_at";

    static final String STATE = "SELECT " + STATE_COLUMNS + " FROM device_state WHERE device_id = $1";

    static final String ALL_STATES = "SELECT " + STATE_COLUMNS + " FROM device_state";
}
