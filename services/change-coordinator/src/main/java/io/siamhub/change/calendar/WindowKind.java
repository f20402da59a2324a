package io.siamhub.change.calendar;

/** What a calendar window is. */
public enum WindowKind {
    /** No changes inside (hard: approval refused; soft: a warning). */
    FREEZE,
    /** A freeze effective now, until it ends or is cancelled: changes in flight inside it go ON_HOLD. */
    LOCKDOWN,
    /** An agreed maintenance window of CIs or services: their changes should fit inside one occurrence. */
    MAINTENANCE
}
