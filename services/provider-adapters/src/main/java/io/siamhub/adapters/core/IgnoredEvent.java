package io.siamhub.adapters.core;

import java.util.Locale;

/**
 * A delivery its provider documents that carries nothing to normalize: a test or ping, an event
 * <em>about</em> a ticket that does not say the ticket's state (a note, a responder request, a status
 * update), an event about something that is neither an alert, a ticket nor maintenance, a subscription
 * handshake, or a state the install chose to ignore. No signal is published for it and it is never
 * dead-lettered (it would never become mappable); the normalizer counts it in
 * {@code siam_adapters_ignored_total{provider,reason}} and {@code POST /api/normalize/...} answers it
 * with its reason.
 */
public class IgnoredEvent extends RuntimeException {

    /** Why a delivery yields no signal. */
    public enum Reason {
        /** The provider's test or ping (PagerDuty {@code pagey.ping}, Cloud Monitoring {@code version: test}, ...). */
        TEST,
        /** About a ticket, without its state: it must never open, reopen or change anything. */
        ANNOTATION,
        /** About something else: a PagerDuty service, a Jira project or user, ... */
        OTHER_RESOURCE,
        /** An SNS subscription or unsubscribe confirmation. */
        SUBSCRIPTION,
        /** A state the install's configuration says to ignore ({@code siam.adapters.aws.insufficient-data=IGNORE}). */
        CONFIGURED,
        /**
         * The echo of siam-hub's own write to a ticket (ServiceNow: {@code sys_updated_by} is the sync's
         * integration user): it must not come back as a change.
         */
        ECHO;

        /** The metric tag: {@code test}, {@code annotation}, ... */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public IgnoredEvent(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
