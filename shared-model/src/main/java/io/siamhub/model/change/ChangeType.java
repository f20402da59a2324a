package io.siamhub.model.change;

/** ITIL change types. */
public enum ChangeType {
    STANDARD, NORMAL, EMERGENCY
}
