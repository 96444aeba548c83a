package io.gridwatch.store;

/**
 * The reading writer already holds as many readings as it may: the reading was not accepted and
 * will not be stored. The caller must not acknowledge it (MQTT: no PUBACK, so the device sends it
 * again later); it is a server condition, not the device's fault.
 */
public final class StorageOverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageOverloadedException(int limit) {
        super("storage overloaded: " + limit + " readings are already waiting to be written", null, false, false);
    }
}
