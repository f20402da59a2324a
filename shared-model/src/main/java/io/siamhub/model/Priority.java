package io.siamhub.model;

/** ITIL priority, P1 (most urgent) to P5; derived from impact × urgency by the incident broker. */
public enum Priority {
    P1, P2, P3, P4, P5
}
