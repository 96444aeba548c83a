package io.gridwatch.simulator.run;

import io.gridwatch.simulator.fleet.DeviceKind;
import io.gridwatch.simulator.scenario.Incidents;
import io.gridwatch.simulator.scenario.Scenario;
import java.io.PrintWriter;

/** The lines {@code run} prints when the fleet is up: what runs, and where and when the incidents happen. */
final class RunSummary {

    private RunSummary() {
    }

    static void print(FleetRun run, Scenario scenario, Incidents incidents, PrintWriter out) {
        out.printf("run: scenario %s, %d smoke detectors, %d gauges (%s), %d connected%n", scenario.id(),
                run.fleet().count(DeviceKind.SMOKE), run.fleet().count(DeviceKind.WATER_LEVEL),
                run.fleet().signature(), run.connected());
        run.plan().fireCell().ifPresent(cell -> out.printf("run: fire in cell %s at +%ds, spreading to %d cells%n",
                cell, incidents.fireAt().toSeconds(), run.plan().spreadCells().size()));
        if (!run.plan().floodGauges().isEmpty()) {
            out.printf("run: flash flood at +%ds on gauges %s%n", incidents.floodAt().toSeconds(),
                    String.join(", ", run.plan().floodGauges()));
        }
        run.plan().gasLeakCell().ifPresent(cell -> out.printf("run: gas leak at +%ds in cell %s%n",
                incidents.gasLeakAt().toSeconds(), cell));
        run.plan().heatDevice().ifPresent(device -> out.printf("run: heat alarm at +%ds on %s%n",
                incidents.heatAt().toSeconds(), device));
        if (incidents.stormAt() != null) {
            out.printf("run: storm at +%ds on every gauge%n", incidents.stormAt().toSeconds());
        }
        out.flush();
    }
}
