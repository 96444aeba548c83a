package io.gridwatch.app;

import io.gridwatch.geo.model.GridUnit;
import io.gridwatch.geo.model.Level;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost of a dispatch (ack → dispatch over HTTP: one transaction with the alert lock, dispatch row, audit row and
 * an outbox row), 300 in a row on one server, with the department's receiver down (the relay retrying meanwhile).
 * Not a test (no *Test/*IT name): run by hand, see docs/benchmarks.md. Prints DISPATCH-COST on stderr.
 */
class DispatchCostBench {

    @Test
    void measure() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(Map.of())) {
            String admin = fixture.adminToken();
            GridUnit cell = fixture.server.locator().grid().units(Level.CELL).get(3);
            fixture.post("/api/departments", admin, new JsonObject().put("id", "fire").put("name", "f")
                    .put("handles", new JsonArray().add("smoke")).put("notify", new JsonObject()
                            .put("url", "http://127.0.0.1:9/x").put("format", "json").put("secret", "s")));
            String worker = fixture.person("worker", "cell_worker", cell.id());
            int n = 300;
            List<Long> ids = new ArrayList<>();
            var inside = cell.geometry().getInteriorPoint();
            io.gridwatch.geo.model.GridPath path = fixture.server.locator().locate(inside.getX(), inside.getY(),
                    io.gridwatch.geo.crs.Crs.WGS84).path();
            for (int i = 0; i < n; i++) {
                var raised = fixture.server.alerts().raise(io.gridwatch.model.AlertKind.SMOKE,
                        io.gridwatch.model.Severity.CRITICAL, io.gridwatch.alert.AlertSource.device("d" + i),
                        path, 1.0,
                        io.gridwatch.model.Reason.of("t", "t"), false);
                ids.add(ServerFixture.await(raised).alert().id());
            }
            for (long id : ids) {
                fixture.post("/api/alerts/" + id + "/ack", worker, "{}");
            }
            long cpu0 = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long[] lat = new long[n];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                var r = fixture.post("/api/alerts/" + ids.get(i) + "/dispatch", worker, "{}");
                lat[i] = System.nanoTime() - s;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.bodyAsString());
                }
            }
            long wall = System.nanoTime() - t0;
            long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() - cpu0;
            java.util.Arrays.sort(lat);
            System.err.printf("DISPATCH-COST n=%d median=%.2fms p90=%.2fms p99=%.2fms wall=%.0fms cpu/dispatch=%.2fms%n",
                    n, lat[n / 2] / 1e6, lat[n * 9 / 10] / 1e6, lat[n * 99 / 100] / 1e6, wall / 1e6, cpu / 1e6 / n);
        }
    }
}
