package io.siamhub.model.signal;

/**
 * The normalized status of a signal. Which values occur depends on the kind; the provider's own
 * value is always kept verbatim in {@link Signal#providerStatus()}.
 * <ul>
 * <li>ALERT: FIRING, RESOLVED</li>
 * <li>TICKET: OPEN, ACKNOWLEDGED, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED, CANCELLED</li>
 * <li>MAINTENANCE: SCHEDULED, STARTED, COMPLETED, CANCELLED</li>
 * <li>NOTE: none (a note has no status; {@link Signal#status()} is null)</li>
 * </ul>
 */
public enum SignalStatus {
    FIRING,
    RESOLVED,
    OPEN,
    ACKNOWLEDGED,
    IN_PROGRESS,
    ON_HOLD,
    CLOSED,
    CANCELLED,
    SCHEDULED,
    STARTED,
    COMPLETED
}
