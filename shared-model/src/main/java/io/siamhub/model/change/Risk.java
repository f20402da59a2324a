package io.siamhub.model.change;

/** The assessed risk of a change. */
public enum Risk {
    HIGH, MEDIUM, LOW
}
