package io.siamhub.model.change;

import java.util.Locale;

/** What happened to a change; each maps to {@code io.siamhub.change.<kind>.v1}. */
public enum ChangeEventKind {
    CREATED, UPDATED, SUBMITTED, APPROVED, REJECTED, SCHEDULED, STARTED, COMPLETED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
