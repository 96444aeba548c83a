package io.gridwatch.store;

import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.ReadingField;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Thresholds;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device registry in PostgreSQL: registration (token hashes only), look-ups for MQTT log-in
 * and the API, and each device's latest state. Non-blocking (vertx-pg-client); thread-safe, since
 * the pool is.
 */
public final class DeviceStore implements DeviceDirectory {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Key \\(id\\)=\\((.*)\\) already exists");

    private final Pool pool;

    public DeviceStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A device to register and the hash of its token (never the token itself). */
    public record NewDevice(Device device, String tokenHash) {

        public NewDevice {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(tokenHash, "tokenHash");
        }
    }

    /** Registers one device; fails with {@link DuplicateDeviceException} when the id is taken. */
    public Future<Void> insert(Device device, String tokenHash) {
        return insertAll(List.of(new NewDevice(device, tokenHash)));
    }

    /**
     * Registers devices all or nothing (one statement); fails with {@link DuplicateDeviceException}
     * naming a taken id when any id is taken (or repeated in the list).
     */
    public Future<Void> insertAll(List<NewDevice> devices) {
        if (devices.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery(DeviceSql.INSERT).execute(insertTuple(devices))
                .<Void>mapEmpty()
                .recover(failure -> Future.failedFuture(duplicate(failure)));
    }

    @Override
    public Future<Optional<Credentials>> credentials(String deviceId) {
        return one(DeviceSql.CREDENTIALS, deviceId, row -> new Credentials(device(row), row.getString("token_hash")));
    }

    public Future<Optional<Device>> find(String deviceId) {
        return one(DeviceSql.FIND, deviceId, DeviceStore::device);
    }

    /** A page of devices, ordered by id. */
    public Future<List<Device>> list(int limit, int offset) {
        return list(limit, offset, null);
    }

    /**
     * A page of the devices in the given cells, ordered by id.
     *
     * @param cells the cells to list, null for every device
     */
    public Future<List<Device>> list(int limit, int offset, Collection<String> cells) {
        if (limit < 0 || offset < 0) {
            return Future.failedFuture(new IllegalArgumentException("limit and offset must not be negative"));
        }
        Future<RowSet<Row>> query = cells == null
                ? pool.preparedQuery(DeviceSql.LIST).execute(Tuple.of(limit, offset))
                : pool.preparedQuery(DeviceSql.LIST_IN_CELLS).execute(Tuple.of(limit, offset, cells.toArray(String[]::new)));
        return query.map(rows -> {
            List<Device> devices = new ArrayList<>(rows.size());
            rows.forEach(row -> devices.add(device(row)));
            return devices;
        });
    }

    /** Every device with its token hash, for the MQTT log-in mirror at start-up. */
    public Future<List<Credentials>> allCredentials() {
        return pool.query(DeviceSql.ALL_CREDENTIALS).execute().map(DeviceStore::credentials);
    }

    /** These devices with their token hashes (unknown ids left out): what another node just registered. */
    public Future<List<Credentials>> credentials(Collection<String> ids) {
        return pool.preparedQuery(DeviceSql.SOME_CREDENTIALS).execute(Tuple.of(ids.toArray(String[]::new)))
                .map(DeviceStore::credentials);
    }

    private static List<Credentials> credentials(RowSet<Row> rows) {
        List<Credentials> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(new Credentials(device(row), row.getString("token_hash"))));
        return all;
    }

    /** How many devices are registered. */
    public Future<Long> count() {
        return pool.query(DeviceSql.COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** The device's latest reading, empty when it has sent none (or is unknown). */
    public Future<Optional<DeviceState>> state(String deviceId) {
        return one(DeviceSql.STATE, deviceId, DeviceStore::state);
    }

    /**
     * The device's readings measured at or after {@code since}, oldest first, the newest {@code limit} of them;
     * each has the fields of a {@link DeviceState}.
     */
    public Future<List<DeviceState>> recentReadings(String deviceId, java.time.Instant since, int limit) {
        return pool.preparedQuery(ReadingSql.RECENT)
                .execute(Tuple.of(deviceId, since.atOffset(ZoneOffset.UTC), limit)).map(rows -> {
                    List<DeviceState> readings = new ArrayList<>(rows.size());
                    rows.forEach(row -> readings.add(state(row)));
                    java.util.Collections.reverse(readings);
                    return readings;
                });
    }

    /** The latest reading of every device that has sent one: for the rules' state after a restart. */
    public Future<List<DeviceState>> allStates() {
        return pool.query(DeviceSql.ALL_STATES).execute().map(rows -> {
            List<DeviceState> all = new java.util.ArrayList<>(rows.size());
            rows.forEach(row -> all.add(state(row)));
            return all;
        });
    }

    private static DeviceState state(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ReadingField column : KindRegistry.columns()) {
            values.put(column.column(), column.isNumber() ? row.getDouble(column.column())
                    : row.getBoolean(column.column()));
        }
        return new DeviceState(row.getString("device_id"),
                row.getOffsetDateTime("last_ts").toInstant(), row.getLong("last_seq"), values,
                row.getShort("battery") == null ? null : row.getShort("battery").intValue(),
                row.getOffsetDateTime("received_at").toInstant());
    }

    private <T> Future<Optional<T>> one(String sql, String id, Function<Row, T> mapper) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map((RowSet<Row> rows) -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.<T>empty();
        });
    }

    private static Device device(Row row) {
        SensorKind kind = KindRegistry.fromId(row.getString("kind"))
                .orElseThrow(() -> new IllegalStateException("unknown device kind in the database: " + row.getString("kind")));
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        return new Device(row.getString("id"), kind, row.getString("name"), row.getDouble("lon"), row.getDouble("lat"),
                row.getString("cell_id"), new Thresholds(row.getDouble("warn"), row.getDouble("danger")),
                created == null ? null : created.toInstant());
    }

    private static Tuple insertTuple(List<NewDevice> devices) {
        int n = devices.size();
        String[] id = new String[n];
        String[] kind = new String[n];
        String[] name = new String[n];
        Double[] lon = new Double[n];
        Double[] lat = new Double[n];
        String[] cell = new String[n];
        Double[] warn = new Double[n];
        Double[] danger = new Double[n];
        String[] hash = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Device d = devices.get(i).device();
            id[i] = d.id();
            kind[i] = d.kind().id();
            name[i] = d.name();
            lon[i] = d.lon();
            lat[i] = d.lat();
            cell[i] = d.cellId();
            warn[i] = d.thresholds().warn();
            danger[i] = d.thresholds().danger();
            hash[i] = devices.get(i).tokenHash();
            created[i] = d.createdAt() == null ? null : d.createdAt().atOffset(ZoneOffset.UTC);
        }
        return Tuple.tuple().addValue(id).addValue(kind).addValue(name).addValue(lon).addValue(lat).addValue(cell)
                .addValue(warn).addValue(danger).addValue(hash).addValue(created);
    }

    private static Throwable duplicate(Throwable failure) {
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            Matcher m = DUPLICATE_KEY.matcher(pg.getDetail() == null ? "" : pg.getDetail());
            return new DuplicateDeviceException(m.find() ? m.group(1) : null);
        }
        return failure;
    }
}
