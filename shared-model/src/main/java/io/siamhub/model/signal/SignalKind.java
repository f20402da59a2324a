package io.siamhub.model.signal;

/** What a provider told us about. */
public enum SignalKind {
    /** A monitoring alert: firing or resolved. */
    ALERT,
    /** A provider's own ticket (ServiceNow, Jira, PagerDuty) was created or changed. */
    TICKET,
    /** A provider announced maintenance: a window in which its service may be degraded. */
    MAINTENANCE,
    /**
     * Something said <em>about</em> a provider's ticket that is not its state: a PagerDuty note, responder
     * request or status update, a Jira comment. It names the ticket as its TICKET signals do
     * ({@code provider} + {@code providerRef}, label {@code ticketKey}), carries the text in
     * {@code description} and who wrote it in {@code author}, and has no {@code status} or
     * {@code severity}: it goes on the linked incident's timeline and never opens, reopens or changes anything.
     */
    NOTE;

    /** The lower-case name used in event types: {@code io.siamhub.signal.<kind>.v1}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
