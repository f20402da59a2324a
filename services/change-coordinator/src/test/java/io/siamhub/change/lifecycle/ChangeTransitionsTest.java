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
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.model.change.Approval;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;

/** Every action from every status, for each change type: the whole table, legal and illegal. */
class ChangeTransitionsTest {

    /** The allowed actions of a NORMAL change, per status, and where each leads. */
    private static final Map<ChangeStatus, Map<ChangeAction, ChangeStatus>> NORMAL = new EnumMap<>(ChangeStatus.class);

    static {
        NORMAL.put(DRAFT, Map.of(ChangeAction.SUBMIT, SUBMITTED, ChangeAction.CANCEL, CANCELLED));
        NORMAL.put(SUBMITTED, Map.of(ChangeAction.APPROVE, APPROVED, ChangeAction.REJECT, REJECTED, ChangeAction.CANCEL, CANCELLED,
                ChangeAction.HOLD, ON_HOLD));
        NORMAL.put(APPROVED, Map.of(ChangeAction.SCHEDULE, SCHEDULED, ChangeAction.CANCEL, CANCELLED, ChangeAction.HOLD, ON_HOLD));
        NORMAL.put(REJECTED, Map.of(ChangeAction.SUBMIT, SUBMITTED));
        NORMAL.put(SCHEDULED, Map.of(ChangeAction.START, IN_PROGRESS, ChangeAction.CANCEL, CANCELLED, ChangeAction.HOLD, ON_HOLD));
        NORMAL.put(IN_PROGRESS, Map.of(ChangeAction.COMPLETE, COMPLETED, ChangeAction.FAIL, FAILED, ChangeAction.BACK_OUT, BACKED_OUT,
                ChangeAction.CANCEL, CANCELLED));
        NORMAL.put(ON_HOLD, Map.of(ChangeAction.RELEASE, APPROVED, ChangeAction.CANCEL, CANCELLED));
        NORMAL.put(COMPLETED, Map.of());
        NORMAL.put(FAILED, Map.of());
        NORMAL.put(BACKED_OUT, Map.of());
        NORMAL.put(CANCELLED, Map.of());
    }

    @Test
    void everyActionFromEveryStatusOfANormalChangeIsAllowedExactlyAsTheTableSays() {
        assertThat(NORMAL.keySet()).containsExactlyInAnyOrder(ChangeStatus.values());
        for (ChangeStatus status : ChangeStatus.values()) {
            ChangeRequest change = change(ChangeType.NORMAL, status).toBuilder().heldFrom(status == ON_HOLD ? APPROVED : null).build();
            for (ChangeAction action : ChangeAction.values()) {
                ChangeStatus expected = NORMAL.get(status).get(action);
                assertThat(ChangeTransitions.allowed(action, change)).as("%s from %s", action, status).isEqualTo(expected != null);
                if (expected != null) {
                    assertThat(ChangeTransitions.target(action, change)).as("%s from %s", action, status).isEqualTo(expected);
                }
            }
            assertThat(ChangeTransitions.allowedActions(change)).as("allowed from %s", status)
                    .containsExactlyInAnyOrderElementsOf(NORMAL.get(status).keySet().stream().map(ChangeAction::wireName).toList());
        }
    }

    @Test
    void aStandardChangeIsPreApprovedOnSubmit() {
        assertThat(ChangeTransitions.target(ChangeAction.SUBMIT, change(ChangeType.STANDARD, DRAFT))).isEqualTo(APPROVED);
        assertThat(ChangeTransitions.target(ChangeAction.SUBMIT, change(ChangeType.NORMAL, DRAFT))).isEqualTo(SUBMITTED);
    }

    @Test
    void anEmergencyChangeMayStartBeforeApprovalAndBeApprovedAfterTheFact() {
        Set<ChangeStatus> startable = EnumSet.of(SUBMITTED, APPROVED, SCHEDULED);
        for (ChangeStatus status : ChangeStatus.values()) {
            assertThat(ChangeTransitions.allowed(ChangeAction.START, change(ChangeType.EMERGENCY, status)))
                    .as("start from %s", status).isEqualTo(startable.contains(status));
        }
        for (ChangeStatus status : List.of(IN_PROGRESS, COMPLETED, FAILED, BACKED_OUT)) {
            ChangeRequest ran = change(ChangeType.EMERGENCY, status).toBuilder().requiredApprovals(1).approvalRound(1).build();
            assertThat(ChangeTransitions.allowed(ChangeAction.APPROVE, ran)).as("approve after the fact from %s", status).isTrue();
            assertThat(ChangeTransitions.target(ChangeAction.APPROVE, ran)).isEqualTo(status);
            assertThat(ChangeTransitions.target(ChangeAction.REJECT, ran)).isEqualTo(status);
            ChangeRequest decided = ran.toBuilder()
                    .approvals(List.of(new Approval("carol", ApprovalDecision.APPROVED, null, Fixtures.T0, null, 1))).build();
            assertThat(ChangeTransitions.allowed(ChangeAction.APPROVE, decided)).as("already approved after the fact").isFalse();
        }
        assertThat(ChangeTransitions.allowed(ChangeAction.APPROVE, change(ChangeType.NORMAL, IN_PROGRESS))).isFalse();
    }

    @Test
    void releaseReturnsToTheStatusItWasHeldFrom() {
        for (ChangeStatus from : List.of(SUBMITTED, APPROVED, SCHEDULED)) {
            ChangeRequest held = change(ChangeType.NORMAL, ON_HOLD).toBuilder().heldFrom(from).build();
            assertThat(ChangeTransitions.target(ChangeAction.RELEASE, held)).isEqualTo(from);
        }
    }

    @Test
    void providerMaintenanceTakesNoActionItFollowsTheProvider() {
        for (ChangeStatus status : ChangeStatus.values()) {
            ChangeRequest maintenance = change(ChangeType.NORMAL, status).toBuilder().origin(ChangeOrigin.PROVIDER_MAINTENANCE).build();
            assertThat(ChangeTransitions.allowedActions(maintenance)).as("from %s", status).isEmpty();
        }
    }

    @Test
    void actionsHaveKebabCasePathSegments() {
        assertThat(ChangeAction.BACK_OUT.wireName()).isEqualTo("back-out");
        assertThat(ChangeAction.fromWire("back-out")).isEqualTo(ChangeAction.BACK_OUT);
        assertThat(ChangeAction.fromWire("backout")).isNull();
        assertThat(ChangeAction.BACK_OUT.kind().wireName()).isEqualTo("backed-out");
    }

    private static ChangeRequest change(ChangeType type, ChangeStatus status) {
        return Fixtures.change("CHG0000001", Fixtures.window(Fixtures.T0, Duration.ofHours(1)), "payments-db").toBuilder().type(type)
                .status(status).build();
    }
}
