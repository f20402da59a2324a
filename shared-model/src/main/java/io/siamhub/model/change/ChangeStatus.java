package io.siamhub.model.change;

/** The lifecycle of a change request. */
public enum ChangeStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED, SCHEDULED, IN_PROGRESS, COMPLETED, FAILED, CANCELLED
}
