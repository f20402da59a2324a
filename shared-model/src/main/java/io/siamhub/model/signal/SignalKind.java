package io.siamhub.model.signal;

/** What a provider told us about. */
public enum SignalKind {
    /** A monitoring alert: firing or resolved. */
    ALERT,
    /** A provider's own ticket (ServiceNow, Jira, PagerDuty) was created or changed. */
    TICKET,
    /** A provider announced maintenance: a window in which its service may be degraded. */
    MAINTENANCE;

    /** The lower-case name used in event types: {@code io.siamhub.signal.<kind>.v1}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
