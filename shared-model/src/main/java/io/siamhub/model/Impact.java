package io.siamhub.model;

/** ITIL impact: how much of the business an incident touches. */
public enum Impact {
    HIGH, MEDIUM, LOW
}
