package io.siamhub.model.incident;

import java.util.Locale;

/** What happened to an incident; each maps to {@code io.siamhub.incident.<kind>.v1}. */
public enum IncidentEventKind {
    OPENED, UPDATED, ACKNOWLEDGED, RESOLVED, CLOSED, REOPENED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
