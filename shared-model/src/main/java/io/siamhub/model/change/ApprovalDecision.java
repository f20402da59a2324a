package io.siamhub.model.change;

/** A change manager's decision. */
public enum ApprovalDecision {
    APPROVED, REJECTED
}
