package io.gridwatch.simulator.fleet;

/** The two kinds of simulated sensor, with the {@code kind} the devices API knows them by. */
public enum DeviceKind {
    SMOKE("smoke", "smoke"),
    WATER_LEVEL("water_level", "water");

    private final String apiId;
    private final String idPart;

    DeviceKind(String apiId, String idPart) {
        this.apiId = apiId;
        this.idPart = idPart;
    }

    /** {@code smoke} or {@code water_level}, as in {@code POST /api/devices}. */
    public String apiId() {
        return apiId;
    }

    /** The part of a device id that names the kind: {@code sim-smoke-00012}, {@code sim-water-007}. */
    String idPart() {
        return idPart;
    }
}
