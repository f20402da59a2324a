package io.siamhub.model;

/** ITIL urgency: how fast the business needs the incident resolved. */
public enum Urgency {
    HIGH, MEDIUM, LOW
}
