package io.siamhub.model.change;

/** How an incident relates to a change. */
public enum IncidentRelation {
    /** Opened on a CI or service of the change while it ran, or soon after it ended (found by the hub). */
    SUSPECTED_CAUSE,
    /** Confirmed by a person: the change caused the incident. */
    CAUSED,
    /** Related in some other way (linked by a person). */
    RELATED
}
