package io.siamhub.model.change;

/** Why two changes, or a change and the calendar, clash. Every window is half-open: touching is no clash. */
public enum ConflictKind {
    /** Both touch the same configuration item in overlapping windows. */
    SAME_CONFIGURATION_ITEM,
    /** Both touch the same service, or CIs of services that depend on each other, in overlapping windows. */
    SAME_SERVICE,
    /** The change's window overlaps an occurrence of a freeze window in its scope. */
    FREEZE_WINDOW,
    /** The change's window overlaps a lockdown in its scope. */
    LOCKDOWN,
    /** The change's window overlaps a provider's maintenance on the same service, CI, account or region. */
    PROVIDER_MAINTENANCE,
    /** The same implementer carries out overlapping changes. */
    IMPLEMENTER_BUSY,
    /** A CI has agreed maintenance windows and the change does not fit entirely inside one occurrence. */
    OUTSIDE_MAINTENANCE_WINDOW
}
