package io.siamhub.model.sla;

/** What a clock times. */
public enum SlaMetric {
    /** Until the incident is first acknowledged. */
    RESPONSE,
    /** Until the incident is resolved. */
    RESOLUTION
}
