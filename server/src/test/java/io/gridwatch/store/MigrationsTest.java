package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.geo.io.BundledGrid;
import io.gridwatch.geo.model.Grid;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class MigrationsTest {

    static StoreFixture store;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void plainPostgresqlGetsTheNativeStorageMode() {
        // given PostgreSQL without TimescaleDB (the embedded server)
        // when the storage layer has started
        // then readings are stored natively
        assertThat(store.database.mode()).isEqualTo(StorageMode.NATIVE);
        assertThat(store.count("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'readings'::regclass"))
                .isEqualTo(1);
    }

    @Test
    void dailyPartitionsExistFromAWeekBackToAWeekAhead() {
        // given the storage layer started today
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // when its partitions are listed
        List<String> partitions = store.rows(ReadingSql.LIST_PARTITIONS).stream().map(r -> r.getString(0)).toList();
        // then every day from 7 back to 7 ahead has its own partition
        for (int day = -7; day <= 7; day++) {
            assertThat(partitions).contains(ReadingSql.partitionName(today.plusDays(day)));
        }
    }

    @Test
    void theReadingsTableSaysWhichLateWindowItWasSetUpFor() {
        // given the native path, whose V15 mirrors TimescaleDB's late-window migration
        // when the comment on readings is read
        String comment = store.rows("SELECT obj_description('readings'::regclass, 'pg_class')").get(0).getString(0);
        // then it names the window the server accepts, filled in from LateWindow
        assertThat(comment).startsWith("readings accepted up to " + LateWindow.ACCEPTED.toDays() + " days late");
    }

    @Test
    void theDefaultPartitionExists() {
        // when the partition bounds of readings are read
        List<Row> rows = store.rows("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'readings'::regclass "
                + "AND c.relname = 'readings_default'");
        // then the default partition is one of them
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(1)).isEqualTo("DEFAULT");
    }

    @Test
    void theFourRollupsHaveTheColumnsOfTheContinuousAggregates() {
        // given the columns of the continuous aggregates (db/timescale V2, then V17 for gas and heat)
        List<String> perDevice = List.of("bucket timestamp with time zone", "device_id text", "cell_id text",
                "kind text", "n bigint", "avg_level double precision", "min_level double precision",
                "max_level double precision", "max_obscuration double precision", "alarm boolean",
                "min_battery smallint", "max_lel double precision", "max_temp_c double precision");
        List<String> perCell = List.of("bucket timestamp with time zone", "cell_id text", "kind text", "n bigint",
                "devices bigint", "avg_level double precision", "max_level double precision",
                "max_obscuration double precision", "alarm boolean", "max_lel double precision",
                "max_temp_c double precision");
        // when the native rollup tables are described
        // then they have the same columns, in the same order
        assertThat(columns("readings_1m")).isEqualTo(perDevice);
        assertThat(columns("readings_1h")).isEqualTo(perDevice);
        assertThat(columns("cell_readings_1m")).isEqualTo(perCell);
        assertThat(columns("cell_readings_1h")).isEqualTo(perCell);
    }

    @Test
    void migratingAgainChangesNothing(Vertx vertx) {
        // given a migrated database
        long applied = store.count("SELECT count(*) FROM flyway_schema_history");
        // when the migrations run again (as at every start-up)
        StorageMode mode = await(vertx.executeBlocking(() -> Migrations.run(store.config())));
        // then the mode is the same and nothing was applied
        assertThat(mode).isEqualTo(StorageMode.NATIVE);
        assertThat(store.count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(applied);
    }

    @Test
    void theGridIsStoredAndStoringItAgainRewritesNoRow() {
        // given the bundled Guangming grid, stored once
        Grid grid = BundledGrid.guangming();
        int units = await(store.database.gridUnits().replaceAll(grid));
        String lastId = grid.units().get(grid.units().size() - 1).id();
        String version = store.rows("SELECT xmin::text FROM grid_units WHERE id = $1", lastId).get(0).getString(0);
        // when it is stored again (as at every start-up)
        await(store.database.gridUnits().replaceAll(grid));
        // then every unit is there with its level, parent, name and a GeoJSON polygon
        assertThat(units).isEqualTo(grid.units().size());
        assertThat(await(store.database.gridUnits().count())).isEqualTo(grid.units().size());
        Row cell = store.rows("SELECT level, parent, name, geometry::json->>'type', xmin::text FROM grid_units "
                + "WHERE id = $1", lastId).get(0);
        assertThat(cell.getString(0)).isEqualTo("cell");
        assertThat(cell.getString(1)).isNotBlank();
        assertThat(cell.getString(2)).isNotBlank();
        assertThat(cell.getString(3)).isIn("Polygon", "MultiPolygon");
        // and the unchanged row was not rewritten
        assertThat(cell.getString(4)).isEqualTo(version);
    }

    @Test
    void theEmbeddedServerCommitsDurably() {
        // given the embedded server (whose library defaults to fsync and synchronous_commit off)
        // when its settings are read
        // then a commit is on disk before it is acknowledged
        assertThat(store.rows("SHOW fsync").get(0).getString(0)).isEqualTo("on");
        assertThat(store.rows("SHOW synchronous_commit").get(0).getString(0)).isEqualTo("on");
    }

    @Test
    void commitsAreSynchronousEvenOnADatabaseTunedForSpeed(Vertx vertx) {
        // given a database whose default is asynchronous commit (a common throughput setting)
        store.rows("ALTER DATABASE " + store.config().database() + " SET synchronous_commit = off");
        try {
            // when the storage layer connects
            io.vertx.sqlclient.Pool pool = Database.pool(vertx, store.config(), 1, "durability-check");
            String setting = await(pool.query("SHOW synchronous_commit").execute()).iterator().next().getString(0);
            await(pool.close());

            // then its sessions still commit synchronously
            assertThat(setting).isEqualTo("on");
        } finally {
            store.rows("ALTER DATABASE " + store.config().database() + " RESET synchronous_commit");
        }
    }

    @Test
    void versionsAreComparedNumerically() {
        assertThat(Migrations.atLeast("2.13.0", new int[] {2, 13})).isTrue();
        assertThat(Migrations.atLeast("2.9.3", new int[] {2, 13})).isFalse();
        assertThat(Migrations.atLeast("2.17.2-dev", new int[] {2, 13})).isTrue();
        assertThat(Migrations.atLeast("3.0", new int[] {2, 13})).isTrue();
    }

    private static List<String> columns(String table) {
        return store.rows("SELECT column_name || ' ' || data_type FROM information_schema.columns "
                + "WHERE table_name = $1 ORDER BY ordinal_position", table).stream().map(r -> r.getString(0)).toList();
    }
}
