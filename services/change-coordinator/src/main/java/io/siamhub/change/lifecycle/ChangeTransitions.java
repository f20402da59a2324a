package io.siamhub.change.lifecycle;

import static io.siamhub.model.change.ChangeStatus.APPROVED;
import static io.siamhub.model.change.ChangeStatus.BACKED_OUT;
import static io.siamhub.model.change.ChangeStatus.CANCELLED;
import static io.siamhub.model.change.ChangeStatus.COMPLETED;
import static io.siamhub.model.change.ChangeStatus.DRAFT;
import static io.siamhub.model.change.ChangeStatus.FAILED;
import static io.siamhub.model.change.ChangeStatus.IN_PROGRESS;
import static io.siamhub.model.change.ChangeStatus.ON_HOLD;
import static io.siamhub.model.change.ChangeStatus.REJECTED;
import static io.siamhub.model.change.ChangeStatus.SCHEDULED;
import static io.siamhub.model.change.ChangeStatus.SUBMITTED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;

/**
 * The change state machine (ITIL change enablement, ISO/IEC 20000-1 §8.5.1), pure:
 * <pre>
 * DRAFT → SUBMITTED → (APPROVED | REJECTED) → SCHEDULED → IN_PROGRESS → (COMPLETED | FAILED | BACKED_OUT)
 * CANCELLED from any open state (DRAFT, SUBMITTED, APPROVED, SCHEDULED, IN_PROGRESS, ON_HOLD)
 * ON_HOLD from SUBMITTED, APPROVED or SCHEDULED; release returns to the status it was held from
 * </pre>
 * Also: a REJECTED change may be revised and submitted again (a new approval round); a STANDARD change is
 * pre-approved (submit lands on APPROVED); an EMERGENCY change may start from SUBMITTED or APPROVED and be
 * approved (or rejected) after the fact while it runs or once it ended. Approval itself moves SUBMITTED to
 * APPROVED only when the CAB rule is met ({@link CabRule}). A provider's maintenance takes no action here:
 * its status follows the provider's notices. (An edit of the window or scope of an approved change sends it back
 * to SUBMITTED: {@code ChangeCommands.edit}.)
 */
public final class ChangeTransitions {

    private static final Set<ChangeStatus> CANCELLABLE = EnumSet.of(DRAFT, SUBMITTED, APPROVED, SCHEDULED, IN_PROGRESS, ON_HOLD);
    private static final Set<ChangeStatus> HOLDABLE = EnumSet.of(SUBMITTED, APPROVED, SCHEDULED);
    private static final Set<ChangeStatus> RAN = EnumSet.of(IN_PROGRESS, COMPLETED, FAILED, BACKED_OUT);

    private ChangeTransitions() {
    }

    /** Whether {@code action} may be taken on {@code change} now. */
    public static boolean allowed(ChangeAction action, ChangeRequest change) {
        if (change.origin() == ChangeOrigin.PROVIDER_MAINTENANCE) {
            return false;
        }
        ChangeStatus status = change.status();
        boolean emergency = change.type() == ChangeType.EMERGENCY;
        return switch (action) {
            case SUBMIT -> status == DRAFT || status == REJECTED;
            case APPROVE, REJECT -> status == SUBMITTED || emergency && RAN.contains(status) && !approvedAfterTheFact(change);
            case SCHEDULE -> status == APPROVED;
            case START -> status == SCHEDULED || emergency && (status == SUBMITTED || status == APPROVED);
            case COMPLETE, FAIL, BACK_OUT -> status == IN_PROGRESS;
            case CANCEL -> CANCELLABLE.contains(status);
            case HOLD -> HOLDABLE.contains(status);
            case RELEASE -> status == ON_HOLD;
        };
    }

    /** Every action allowed on {@code change} now, as path segments (for the 409 that names them). */
    public static List<String> allowedActions(ChangeRequest change) {
        List<String> allowed = new ArrayList<>();
        for (ChangeAction action : ChangeAction.values()) {
            if (allowed(action, change)) {
                allowed.add(action.wireName());
            }
        }
        return allowed;
    }

    /**
     * The status an allowed action leads to. APPROVE returns APPROVED (the caller keeps SUBMITTED while the
     * CAB rule is not met, and keeps the status of an emergency change approved after the fact); REJECT of an
     * emergency change that ran keeps its status.
     */
    public static ChangeStatus target(ChangeAction action, ChangeRequest change) {
        return switch (action) {
            case SUBMIT -> change.type() == ChangeType.STANDARD ? APPROVED : SUBMITTED;
            case APPROVE -> RAN.contains(change.status()) ? change.status() : APPROVED;
            case REJECT -> RAN.contains(change.status()) ? change.status() : REJECTED;
            case SCHEDULE -> SCHEDULED;
            case START -> IN_PROGRESS;
            case COMPLETE -> COMPLETED;
            case FAIL -> FAILED;
            case BACK_OUT -> BACKED_OUT;
            case CANCEL -> CANCELLED;
            case HOLD -> ON_HOLD;
            case RELEASE -> change.heldFrom() != null ? change.heldFrom() : SUBMITTED;
        };
    }

    /** An emergency change that ran already carries the decision of its current round: a rejection, or enough approvals. */
    private static boolean approvedAfterTheFact(ChangeRequest change) {
        long approved = change.approvals().stream().filter(approval -> approval.round() == change.approvalRound()
                && approval.decision() == io.siamhub.model.change.ApprovalDecision.APPROVED).count();
        boolean rejected = change.approvals().stream().anyMatch(approval -> approval.round() == change.approvalRound()
                && approval.decision() == io.siamhub.model.change.ApprovalDecision.REJECTED);
        return rejected || approved >= Math.max(1, change.requiredApprovals());
    }
}
