package io.gridwatch.simulator.scenario;

import io.gridwatch.geo.model.Grid;
import io.gridwatch.simulator.fleet.CellNeighbours;
import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.fleet.Fleet;
import io.gridwatch.simulator.fleet.FleetDevice;
import io.gridwatch.simulator.signal.Noise;
import io.gridwatch.simulator.signal.Surge;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Who an incident touches, and when, worked out once per run, deterministically per seed:
 * <ul>
 * <li>Fire: one cell (given, or a seeded pick among the detectors, so busy cells are likelier); smoke reaches
 *     its detectors 0–20 s after the outbreak, those of the neighbouring cells {@value #SPREAD_DELAY_S} s later
 *     (plus 0–60 s each).
 * <li>Flood: a seeded gauge and its nearest neighbours, one gauge in ten (at least one); their water starts to
 *     rise 20 s apart, reaches the peak in 10 minutes, holds half an hour and recedes in an hour.
 * <li>Storm: every gauge, starting 0–10 minutes after the onset, peaking after 30 minutes, holding 20, receding
 *     in an hour. A gauge in both takes the flood.
 * <li>Gas leak: the kitchens of one restaurant street, the cell of a seeded gas detector (busy cells have more):
 *     the leak reaches each of its gas detectors 0–30 s after the onset.
 * <li>Heat alarm: one seeded heat detector's room starts heating at the onset.
 * </ul>
 * Immutable; thread-safe.
 */
public final class ScenarioPlan {

    static final int SPREAD_DELAY_S = 180;
    private static final Surge FLOOD_SHAPE = new Surge(0, 600, 1_800, 3_600);
    private static final Surge STORM_SHAPE = new Surge(0, 1_800, 1_200, 3_600);

    private final String fireCell;
    private final List<String> spreadCells;
    private final Map<String, Double> smokeArrival;
    private final Map<String, Surge> surges;
    private final List<String> floodGauges;
    private final String gasLeakCell;
    private final Map<String, Double> gasArrival;
    private final String heatDevice;
    private final double heatOnset;

    private ScenarioPlan(String fireCell, List<String> spreadCells, Map<String, Double> smokeArrival,
            Map<String, Surge> surges, List<String> floodGauges, String gasLeakCell, Map<String, Double> gasArrival,
            String heatDevice, double heatOnset) {
        this.fireCell = fireCell;
        this.spreadCells = List.copyOf(spreadCells);
        this.smokeArrival = Map.copyOf(smokeArrival);
        this.surges = Map.copyOf(surges);
        this.floodGauges = List.copyOf(floodGauges);
        this.gasLeakCell = gasLeakCell;
        this.gasArrival = Map.copyOf(gasArrival);
        this.heatDevice = heatDevice;
        this.heatOnset = heatOnset;
    }

    /**
     * @param fireCellOrNull the cell where the fire breaks out; null for a seeded choice
     */
    public static ScenarioPlan of(Fleet fleet, Grid grid, Incidents incidents, String fireCellOrNull) {
        long seed = fleet.seed();
        List<FleetDevice> smoke = fleet.of(DeviceKind.SMOKE);
        String fireCell = null;
        List<String> spread = List.of();
        Map<String, Double> arrival = new HashMap<>();
        if (incidents.fireAt() != null && !smoke.isEmpty()) {
            fireCell = fireCellOrNull != null ? fireCellOrNull
                    : smoke.get((int) (Noise.uniform(seed, 60) * smoke.size())).cell();
            if (grid.unit(fireCell).isEmpty()) {
                throw new IllegalArgumentException("the fire cell '" + fireCell + "' is not in the grid");
            }
            spread = CellNeighbours.of(grid, fireCell);
            Set<String> next = new HashSet<>(spread);
            double outbreak = seconds(incidents.fireAt());
            for (FleetDevice d : smoke) {
                if (d.cell().equals(fireCell)) {
                    arrival.put(d.id(), outbreak + Noise.between(0, 20, seed, d.index(), 61));
                } else if (next.contains(d.cell())) {
                    arrival.put(d.id(), outbreak + SPREAD_DELAY_S + Noise.between(0, 60, seed, d.index(), 62));
                }
            }
        }
        Map<String, Surge> surges = new HashMap<>();
        List<FleetDevice> gauges = fleet.of(DeviceKind.WATER_LEVEL);
        if (incidents.stormAt() != null) {
            for (FleetDevice g : gauges) {
                surges.put(g.id(), shifted(STORM_SHAPE,
                        seconds(incidents.stormAt()) + Noise.between(0, 600, seed, g.index(), 63)));
            }
        }
        List<String> flooded = List.of();
        if (incidents.floodAt() != null && !gauges.isEmpty()) {
            FleetDevice centre = gauges.get((int) (Noise.uniform(seed, 64) * gauges.size()));
            flooded = gauges.stream()
                    .sorted(Comparator.comparingDouble((FleetDevice g) -> Math.hypot(g.lon() - centre.lon(),
                            g.lat() - centre.lat())).thenComparing(FleetDevice::id))
                    .limit(Math.max(1, Math.round(gauges.size() / 10.0)))
                    .map(FleetDevice::id)
                    .toList();
            for (int rank = 0; rank < flooded.size(); rank++) {
                surges.put(flooded.get(rank), shifted(FLOOD_SHAPE, seconds(incidents.floodAt()) + 20.0 * rank));
            }
        }
        String leakCell = null;
        Map<String, Double> gasArrival = new HashMap<>();
        List<FleetDevice> gas = fleet.of(DeviceKind.GAS);
        if (incidents.gasLeakAt() != null && !gas.isEmpty()) {
            // the kitchens of one restaurant street: every gas detector of the cell, a few seconds apart
            leakCell = gas.get((int) (Noise.uniform(seed, 70) * gas.size())).cell();
            double start = seconds(incidents.gasLeakAt());
            for (FleetDevice d : gas) {
                if (d.cell().equals(leakCell)) {
                    gasArrival.put(d.id(), start + Noise.between(0, 30, seed, d.index(), 71));
                }
            }
        }
        String heatDevice = null;
        List<FleetDevice> heat = fleet.of(DeviceKind.HEAT);
        if (incidents.heatAt() != null && !heat.isEmpty()) {
            heatDevice = heat.get((int) (Noise.uniform(seed, 72) * heat.size())).id();
        }
        return new ScenarioPlan(fireCell, spread, arrival, surges, flooded, leakCell, gasArrival, heatDevice,
                heatDevice == null ? Double.NaN : seconds(incidents.heatAt()));
    }

    private static Surge shifted(Surge shape, double onset) {
        return new Surge(onset, shape.rise(), shape.hold(), shape.recede());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** The cell where the fire breaks out, if there is one. */
    public Optional<String> fireCell() {
        return Optional.ofNullable(fireCell);
    }

    /** The cells the fire spreads to, ordered by id. */
    public List<String> spreadCells() {
        return spreadCells;
    }

    /** The gauges of the flash flood, nearest the centre first. */
    public List<String> floodGauges() {
        return floodGauges;
    }

    /** Seconds after the start at which smoke reaches this detector; empty when no fire reaches it. */
    public OptionalDouble smokeArrival(String deviceId) {
        Double at = smokeArrival.get(deviceId);
        return at == null ? OptionalDouble.empty() : OptionalDouble.of(at);
    }

    /** The cell whose gas detectors see the leak, if there is one. */
    public Optional<String> gasLeakCell() {
        return Optional.ofNullable(gasLeakCell);
    }

    /** Seconds after the start at which the leak reaches this gas detector; empty when none does. */
    public OptionalDouble gasLeakArrival(String deviceId) {
        Double at = gasArrival.get(deviceId);
        return at == null ? OptionalDouble.empty() : OptionalDouble.of(at);
    }

    /** The heat detector whose room heats up, if there is one. */
    public Optional<String> heatDevice() {
        return Optional.ofNullable(heatDevice);
    }

    /** Seconds after the start at which this heat detector's room starts heating; empty for the others. */
    public OptionalDouble heatOnset(String deviceId) {
        return deviceId.equals(heatDevice) ? OptionalDouble.of(heatOnset) : OptionalDouble.empty();
    }

    /** The surge this gauge sees; null when none. */
    public Surge surge(String deviceId) {
        return surges.get(deviceId);
    }
}
