package io.gridwatch.store;

/** A device with this id is already registered (a unique violation on {@code devices.id}). */
public final class DuplicateDeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String deviceId;

    public DuplicateDeviceException(String deviceId) {
        super(deviceId == null ? "a device with that id is already registered"
                : "device \"" + deviceId + "\" is already registered");
        this.deviceId = deviceId;
    }

    /** The id that is taken, null when the database did not say which. */
    public String deviceId() {
        return deviceId;
    }
}
