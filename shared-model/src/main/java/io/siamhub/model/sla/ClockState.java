package io.siamhub.model.sla;

/**
 * The state of one SLA clock. A breach while it still counts or pauses is shown by {@code breached: true}
 * with RUNNING or PAUSED; a clock that breached and then stopped is BREACHED.
 */
public enum ClockState {
    /** Counting business time. */
    RUNNING,
    /** Not counting: a pause status, or (UC/OLA) another party owns the incident. */
    PAUSED,
    /** Stopped within its target. */
    MET,
    /** Stopped after its target passed. */
    BREACHED,
    /** Stopped without a result: the definition no longer applies, or the incident closed unresolved. */
    CANCELLED;

    /** True for MET, BREACHED and CANCELLED: the clock has its result. */
    public boolean isFinal() {
        return this == MET || this == BREACHED || this == CANCELLED;
    }
}
