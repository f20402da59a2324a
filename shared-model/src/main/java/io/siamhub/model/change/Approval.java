package io.siamhub.model.change;

import java.time.Instant;

/** One approver's decision on a change. */
public record Approval(String approver, ApprovalDecision decision, String comment, Instant at) {
}
