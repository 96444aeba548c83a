package io.gridwatch.simulator.fleet;

/**
 * The kinds of simulated sensor, with the {@code kind} the devices API knows them by (the server's kind registry,
 * {@code GET /api/kinds}; the server's tests check that every registered kind is here).
 */
public enum DeviceKind {
    SMOKE("smoke", "smoke"),
    WATER_LEVEL("water_level", "water"),
    GAS("gas", "gas"),
    HEAT("heat", "heat");

    private final String apiId;
    private final String idPart;

    DeviceKind(String apiId, String idPart) {
        this.apiId = apiId;
        this.idPart = idPart;
    }

    /** {@code smoke}, {@code water_level}, {@code gas} or {@code heat}, as in {@code POST /api/devices}. */
    public String apiId() {
        return apiId;
    }

    /** The part of a device id that names the kind: {@code sim-smoke-00012}, {@code sim-water-007}. */
    String idPart() {
        return idPart;
    }
}
