package io.gridwatch.ingest;

import java.util.Objects;

/**
 * A payload that is not a valid reading: the {@link RejectReason} and a short message fit for a log line or an
 * MQTT 5 reason string (it never echoes more than a few characters of what the device sent). Carries no stack trace:
 * it is an expected outcome, thrown once per bad message.
 */
public final class RejectedReading extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public RejectedReading(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectReason reason() {
        return reason;
    }
}
