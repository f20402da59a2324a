package io.siamhub.change.lifecycle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.siamhub.change.ChangeConfig;
import io.siamhub.model.change.Approval;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.Risk;

/**
 * The Change Advisory Board rule, pure: how many distinct change managers must approve a change of each risk
 * (default LOW 1, MEDIUM 2, HIGH 2), and from which risk up one of them must belong to a configured group
 * (default {@code cab-senior} at HIGH). One rejection ends the round.
 *
 * @param low               approvals LOW needs
 * @param medium            approvals MEDIUM needs
 * @param high              approvals HIGH needs
 * @param group             the JWT group one approver must be in, from {@code groupRequiredFrom} up
 * @param groupRequiredFrom the lowest risk that needs an approver of {@code group}
 */
public record CabRule(int low, int medium, int high, String group, Risk groupRequiredFrom) {

    /** Where a round stands. */
    public enum Outcome {
        PENDING, APPROVED, REJECTED
    }

    /** The round's outcome and, while pending, what is missing. */
    public record Verdict(Outcome outcome, String missing) {
    }

    public static CabRule of(ChangeConfig.Approvals config) {
        return new CabRule(config.low(), config.medium(), config.high(), config.group(), config.groupRequiredFrom());
    }

    /** Approvals a change of this risk needs. */
    public int required(Risk risk) {
        return switch (risk == null ? Risk.MEDIUM : risk) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
        };
    }

    /** Whether one approver of this risk's change must be in {@link #group()}. */
    public boolean groupRequired(Risk risk) {
        return level(risk == null ? Risk.MEDIUM : risk) >= level(groupRequiredFrom);
    }

    /**
     * The outcome of one round's decisions for a change of {@code risk}: REJECTED on any rejection, APPROVED
     * once enough distinct approvers approved (one of them in the group where required), else PENDING.
     */
    public Verdict evaluate(List<Approval> round, Risk risk) {
        if (round.stream().anyMatch(approval -> approval.decision() == ApprovalDecision.REJECTED)) {
            return new Verdict(Outcome.REJECTED, null);
        }
        Set<String> approvers = new LinkedHashSet<>();
        boolean fromGroup = false;
        for (Approval approval : round) {
            if (approval.decision() == ApprovalDecision.APPROVED) {
                approvers.add(approval.approver());
                fromGroup |= group.equals(approval.group());
            }
        }
        int needed = required(risk);
        boolean groupMissing = groupRequired(risk) && !fromGroup;
        if (approvers.size() >= needed && !groupMissing) {
            return new Verdict(Outcome.APPROVED, null);
        }
        String missing = approvers.size() + " of " + needed + " approvals for " + risk + " risk";
        if (groupMissing) {
            missing += "; one must come from " + group;
        }
        return new Verdict(Outcome.PENDING, missing);
    }

    /** LOW 0, MEDIUM 1, HIGH 2. */
    public static int level(Risk risk) {
        return switch (risk) {
            case LOW -> 0;
            case MEDIUM -> 1;
            case HIGH -> 2;
        };
    }
}
