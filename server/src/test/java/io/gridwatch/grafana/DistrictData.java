package io.gridwatch.grafana;

import static io.gridwatch.grafana.DashboardFixture.await;

import io.gridwatch.geo.model.GridPath;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Measures;
import io.gridwatch.model.Reading;
import io.gridwatch.model.SensorKind;
import io.gridwatch.model.Thresholds;
import io.gridwatch.store.Database;
import io.gridwatch.store.DeviceStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A small district with four hours of history up to about now: 2 subdistricts, one community each, 2 sectors per
 * community, 2 cells per sector. Every cell has a water gauge that rises over its danger line and falls back, a
 * smoke detector that alarms for ten minutes, a second smoke detector with a weak battery that falls silent
 * half-way, a gas detector that sees a leak for fifteen minutes and a heat detector that runs hot for ten; every cell has the alerts of {@link AlertHistory}. Readings go through the real {@code ReadingWriter}
 * and the rollups are refreshed by the real {@code RollupRefresher}.
 */
final class DistrictData {

    static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static final Instant START = END.minus(Duration.ofHours(4));
    static final String DISTRICT = "440311";
    static final List<String> SUBDISTRICTS = List.of("440311001", "440311002");
    static final double WARN = 1.0;
    static final double DANGER = 2.0;
    private static final Duration EVERY = Duration.ofMinutes(2);

    private final Database database;

    DistrictData(Database database) {
        this.database = database;
    }

    static String community(String subdistrict) {
        return subdistrict + "001";
    }

    static String sector(String community, int n) {
        return community + "-%02d".formatted(n);
    }

    static String cell(String sector, int n) {
        return sector + "-%02d".formatted(n);
    }

    /** Every cell's path, in id order. */
    static List<GridPath> cells() {
        List<GridPath> cells = new ArrayList<>();
        for (String subdistrict : SUBDISTRICTS) {
            String community = community(subdistrict);
            for (int s = 1; s <= 2; s++) {
                String sector = sector(community, s);
                for (int c = 1; c <= 2; c++) {
                    cells.add(new GridPath(DISTRICT, subdistrict, community, sector, cell(sector, c)));
                }
            }
        }
        return cells;
    }

    void fill() {
        storeGrid();
        List<GridPath> cells = cells();
        List<Future<Void>> writes = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            writes.addAll(sensors(cells.get(i).cell(), i));
        }
        await(Future.all(writes));
        await(database.rollups().refresh());
        new AlertHistory(database.pool()).fill(cells, START);
        CaseHistory.fill(database.pool(), DISTRICT);
    }

    private void storeGrid() {
        List<Tuple> units = new ArrayList<>();
        units.add(unit(DISTRICT, "district", null));
        for (GridPath cell : cells()) {
            units.add(unit(cell.subdistrict(), "subdistrict", DISTRICT));
            units.add(unit(cell.community(), "community", cell.subdistrict()));
            units.add(unit(cell.sector(), "sector", cell.community()));
            units.add(unit(cell.cell(), "cell", cell.sector()));
        }
        await(database.pool().preparedQuery("INSERT INTO grid_units (id, level, parent, name, geometry) "
                + "VALUES ($1, $2, $3, $4, '{}') ON CONFLICT (id) DO NOTHING").executeBatch(units));
    }

    private static Tuple unit(String id, String level, String parent) {
        return Tuple.of(id, level, parent, level + " " + id);
    }

    /** Registers the cell's five devices and writes their readings. */
    private List<Future<Void>> sensors(String cell, int index) {
        Instant registered = START.minus(Duration.ofDays(1));
        String gauge = "wl-" + cell;
        String smoke = "sm-" + cell;
        String weak = "sm-weak-" + cell;
        String gas = "gas-" + cell;
        String heat = "heat-" + cell;
        await(database.devices().insertAll(List.of(
                device(gauge, KindRegistry.WATER_LEVEL, cell, new Thresholds(WARN, DANGER), registered),
                device(smoke, KindRegistry.SMOKE, cell, Thresholds.NONE, registered),
                device(weak, KindRegistry.SMOKE, cell, Thresholds.NONE, registered),
                device(gas, KindRegistry.GAS, cell, Thresholds.NONE, registered),
                device(heat, KindRegistry.HEAT, cell, Thresholds.NONE, registered))));
        List<Future<Void>> writes = new ArrayList<>();
        Instant alarmFrom = START.plus(Duration.ofMinutes(30 + 20L * index));
        long seq = 0;
        for (Instant t = START; t.isBefore(END); t = t.plus(EVERY)) {
            double phase = Math.PI * Duration.between(START, t).toMinutes() / 240.0;
            int battery = 100 - (int) (Duration.between(START, t).toMinutes() / 6);
            boolean alarm = !t.isBefore(alarmFrom) && t.isBefore(alarmFrom.plus(Duration.ofMinutes(10)));
            writes.add(write(new Reading(gauge, cell, KindRegistry.WATER_LEVEL, t, seq,
                    Measures.of(KindRegistry.WATER_LEVEL, "level", 0.3 + (2.0 + 0.05 * index) * Math.sin(phase)),
                    battery, t)));
            writes.add(write(new Reading(smoke, cell, KindRegistry.SMOKE, t, seq,
                    Measures.of(KindRegistry.SMOKE, "obscuration", alarm ? 14.0 : 0.4 + 0.1 * index, "alarm", alarm),
                    battery, t)));
            boolean leak = !t.isBefore(alarmFrom.plus(Duration.ofMinutes(40)))
                    && t.isBefore(alarmFrom.plus(Duration.ofMinutes(55)));
            writes.add(write(new Reading(gas, cell, KindRegistry.GAS, t, seq,
                    Measures.of(KindRegistry.GAS, "lel", leak ? 35.0 + index : 1.0 + 0.2 * index, "alarm", false),
                    battery, t)));
            writes.add(write(new Reading(heat, cell, KindRegistry.HEAT, t, seq,
                    Measures.of(KindRegistry.HEAT, "temp_c", alarm ? 61.0 : 24.0 + 0.5 * index, "alarm", alarm),
                    battery, t)));
            if (t.isBefore(START.plus(Duration.ofHours(2)))) {
                writes.add(write(new Reading(weak, cell, KindRegistry.SMOKE, t, seq,
                        Measures.of(KindRegistry.SMOKE, "obscuration", 0.2, "alarm", false), 12, t)));
            }
            seq++;
        }
        return writes;
    }

    private Future<Void> write(Reading reading) {
        return database.readings().write(reading);
    }

    private static DeviceStore.NewDevice device(String id, SensorKind kind, String cell, Thresholds thresholds,
            Instant registered) {
        return new DeviceStore.NewDevice(new Device(id, kind, kind.id() + " " + id, 113.93, 22.78,
                cell, thresholds, registered), "hash-" + id);
    }
}
