package io.gridwatch.alert;

/**
 * The outcome of {@link AlertStore#raise}: the alert as it is after the raise, and whether the raise
 * opened it ({@code opened}) or updated the unresolved one ({@code updated}).
 */
public record RaiseResult(boolean opened, Alert alert) {

    /** The event to publish: {@link AlertEventType#OPENED} or {@link AlertEventType#UPDATED}. */
    public AlertEventType event() {
        return opened ? AlertEventType.OPENED : AlertEventType.UPDATED;
    }
}
