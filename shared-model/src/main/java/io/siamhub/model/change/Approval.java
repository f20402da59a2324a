package io.siamhub.model.change;

import java.time.Instant;

/**
 * One approver's decision on a change.
 *
 * @param approver the JWT subject of the change manager
 * @param decision APPROVED or REJECTED
 * @param comment  why
 * @param at       when
 * @param group    the configured CAB group the approver belongs to (counts for HIGH risk), or null
 * @param round    the approval round (a rejection ends a round; a resubmission starts the next)
 */
public record Approval(String approver, ApprovalDecision decision, String comment, Instant at, String group, int round) {
}
