package io.siamhub.model.change;

/** Why two changes, or a change and the calendar, clash. */
public enum ConflictKind {
    /** Both touch the same configuration item in overlapping windows. */
    SAME_CONFIGURATION_ITEM,
    /** Both touch the same service in overlapping windows. */
    SAME_SERVICE,
    /** The change's window overlaps a freeze window. */
    FREEZE_WINDOW
}
