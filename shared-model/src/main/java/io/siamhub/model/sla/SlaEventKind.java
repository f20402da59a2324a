package io.siamhub.model.sla;

import java.util.Locale;

/** What happened to an SLA clock; each maps to {@code io.siamhub.sla.<kind>.v1}. */
public enum SlaEventKind {
    STARTED, PAUSED, RESUMED, AT_RISK, BREACHED, MET, CANCELLED;

    /** {@code at-risk} for AT_RISK: event types use kebab case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
