package io.siamhub.change.lifecycle;

import java.util.List;

import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;

/** The change coordinator's refusals, worded once. */
public final class ChangeProblems {

    private ChangeProblems() {
    }

    /** 409: the action is not allowed from the change's status; names the allowed ones. */
    public static ProblemException illegalTransition(ChangeAction action, ChangeRequest change) {
        if (change.origin() == io.siamhub.model.change.ChangeOrigin.PROVIDER_MAINTENANCE) {
            return new ProblemException(new Problem(Problem.TYPE_BASE + "illegal-transition", "Illegal transition", 409,
                    "cannot " + action.wireName() + " " + change.number() + ": it is " + change.provider()
                            + "'s maintenance, whose status follows the provider's notices; comment on it (POST /comments) or escalate it"
                            + " (POST /escalate)",
                    null));
        }
        List<String> allowed = ChangeTransitions.allowedActions(change);
        return new ProblemException(new Problem(Problem.TYPE_BASE + "illegal-transition", "Illegal transition", 409,
                "cannot " + action.wireName() + " " + change.number() + ": it is " + change.status() + "; allowed now: "
                        + (allowed.isEmpty() ? "nothing (" + change.status() + " is final)" : String.join(", ", allowed)),
                null));
    }

    /** 403: the approver created the change. */
    public static ProblemException selfApproval(ChangeRequest change, String user) {
        return new ProblemException(Problem.of(403, "self-approval", "Self-approval",
                user + " raised " + change.number() + " and cannot approve or reject it: another change manager must"));
    }

    /** 403: only the requester or a change manager may do this. */
    public static ProblemException notYours(ChangeRequest change, String user, String what) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden",
                user + " may not " + what + " " + change.number() + ": only its requester (" + change.requestedBy()
                        + ") or a siam-change-manager may"));
    }

    /**
     * 409 {@code frozen}: the change sits in a hard freeze or lockdown ({@code blocking}, the first such conflict) and
     * may not be approved; says how to get out (move it, or an EMERGENCY change with an exception).
     */
    public static ProblemException frozen(ChangeRequest change, Conflict blocking, String verb) {
        return conflict("frozen", "Inside a freeze", "cannot " + verb + " " + change.number() + ": " + blocking.detail()
                + (change.type() == ChangeType.EMERGENCY
                        ? "; grant an exception first (POST /api/changes/" + change.id() + "/freeze-exception with a reason)"
                        : "; move it out of \"" + blocking.withName() + "\", or raise it as an EMERGENCY change with an approved exception"));
    }

    /** 409 with a slug of its own. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }

    /** 400 naming fields. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList());
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors));
    }
}
