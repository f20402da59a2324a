package io.siamhub.model.change;

import java.util.Locale;

/** What happened to a change; each maps to {@code io.siamhub.change.<kind>.v1} with the kind in kebab case. */
public enum ChangeEventKind {
    CREATED, UPDATED, SUBMITTED, APPROVED, REJECTED, SCHEDULED, STARTED, COMPLETED, FAILED, CANCELLED,
    BACKED_OUT, HELD, RELEASED, CONFLICT_DETECTED, INCIDENT_LINKED;

    /** {@code backed-out} for BACKED_OUT: event types use kebab case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
