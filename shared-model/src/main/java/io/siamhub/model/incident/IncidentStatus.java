package io.siamhub.model.incident;

/**
 * The lifecycle of an integrated incident: NEW → ACKNOWLEDGED → IN_PROGRESS ⇄ ON_HOLD → RESOLVED →
 * CLOSED, and RESOLVED → reopened. The incident broker enforces the allowed transitions.
 */
public enum IncidentStatus {
    NEW, ACKNOWLEDGED, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED;

    /** True while the incident still needs work (it can absorb new signals). */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
