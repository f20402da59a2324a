package io.siamhub.change.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.model.change.Approval;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.Risk;

class CabRuleTest {

    private final CabRule rule = new CabRule(1, 2, 2, "cab-senior", Risk.HIGH);

    @Test
    void lowNeedsOneMediumTwoHighTwoWithOneFromTheGroup() {
        assertThat(rule.evaluate(List.of(ok("bob", null)), Risk.LOW).outcome()).isEqualTo(CabRule.Outcome.APPROVED);
        assertThat(rule.evaluate(List.of(ok("bob", null)), Risk.MEDIUM).outcome()).isEqualTo(CabRule.Outcome.PENDING);
        assertThat(rule.evaluate(List.of(ok("bob", null), ok("carol", null)), Risk.MEDIUM).outcome()).isEqualTo(CabRule.Outcome.APPROVED);
        CabRule.Verdict noSenior = rule.evaluate(List.of(ok("bob", null), ok("carol", null)), Risk.HIGH);
        assertThat(noSenior.outcome()).isEqualTo(CabRule.Outcome.PENDING);
        assertThat(noSenior.missing()).isEqualTo("2 of 2 approvals for HIGH risk; one must come from cab-senior");
        assertThat(rule.evaluate(List.of(ok("bob", null), ok("dave", "cab-senior")), Risk.HIGH).outcome())
                .isEqualTo(CabRule.Outcome.APPROVED);
        assertThat(rule.evaluate(List.of(ok("dave", "cab-senior")), Risk.HIGH).missing())
                .isEqualTo("1 of 2 approvals for HIGH risk");
    }

    @Test
    void theSameApproverCountsOnceAndARejectionEndsTheRound() {
        assertThat(rule.evaluate(List.of(ok("bob", null), ok("bob", null)), Risk.MEDIUM).outcome()).isEqualTo(CabRule.Outcome.PENDING);
        assertThat(rule.evaluate(List.of(ok("bob", null), new Approval("carol", ApprovalDecision.REJECTED, "no", Fixtures.T0, null, 1)),
                Risk.LOW).outcome()).isEqualTo(CabRule.Outcome.REJECTED);
    }

    @Test
    void theCountsAndGroupAreConfigurable() {
        CabRule strict = new CabRule(2, 3, 4, "board", Risk.MEDIUM);
        assertThat(strict.required(Risk.LOW)).isEqualTo(2);
        assertThat(strict.required(Risk.HIGH)).isEqualTo(4);
        assertThat(strict.groupRequired(Risk.MEDIUM)).isTrue();
        assertThat(strict.groupRequired(Risk.LOW)).isFalse();
    }

    private static Approval ok(String who, String group) {
        return new Approval(who, ApprovalDecision.APPROVED, null, Fixtures.T0, group, 1);
    }
}
