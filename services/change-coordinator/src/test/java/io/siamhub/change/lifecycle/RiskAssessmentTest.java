package io.siamhub.change.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.ConflictKind;
import io.siamhub.model.change.Risk;

class RiskAssessmentTest {

    @Test
    void criticalityTypeAndConflictsMakeTheRisk() {
        assertThat(assess("reporting-ec2", ChangeType.NORMAL, List.of())).isEqualTo(Risk.LOW);
        assertThat(assess("webshop-vms", ChangeType.NORMAL, List.of())).isEqualTo(Risk.MEDIUM);
        assertThat(assess("payments-db", ChangeType.NORMAL, List.of())).isEqualTo(Risk.HIGH);
        assertThat(assess("webshop-vms", ChangeType.STANDARD, List.of())).isEqualTo(Risk.LOW);
        assertThat(assess("webshop-vms", ChangeType.EMERGENCY, List.of())).isEqualTo(Risk.HIGH);
        assertThat(assess("reporting-ec2", ChangeType.STANDARD, List.of())).as("never below LOW").isEqualTo(Risk.LOW);
        assertThat(assess("reporting-ec2", ChangeType.NORMAL, List.of(conflict(false)))).isEqualTo(Risk.MEDIUM);
        assertThat(assess("reporting-ec2", ChangeType.STANDARD, List.of(conflict(true)))).as("a blocking conflict").isEqualTo(Risk.HIGH);
    }

    @Test
    void theReasonSaysWhy() {
        ChangeRequest change = Fixtures.change("CHG0000001", Fixtures.window(Fixtures.T0, Duration.ofHours(1)), "webshop-vms").toBuilder()
                .type(ChangeType.EMERGENCY).build();
        RiskAssessment.Assessed assessed = RiskAssessment.assess(change, Fixtures.catalog(), List.of(conflict(false)));
        assertThat(assessed.risk()).isEqualTo(Risk.HIGH);
        assertThat(assessed.reason()).isEqualTo("HIGH: highest criticality MEDIUM (webshop-vms); EMERGENCY +1; 1 open conflict +1");
    }

    @Test
    void nothingKnownIsLow() {
        ChangeRequest change = Fixtures.change("CHG0000001", Fixtures.window(Fixtures.T0, Duration.ofHours(1)), "unknown-ci");
        assertThat(RiskAssessment.assess(change, Fixtures.catalog(), List.of()).reason())
                .isEqualTo("LOW: nothing it touches is in the catalog");
    }

    private static Risk assess(String item, ChangeType type, List<Conflict> conflicts) {
        ChangeRequest change = Fixtures.change("CHG0000001", Fixtures.window(Fixtures.T0, Duration.ofHours(1)), item).toBuilder().type(type)
                .build();
        return RiskAssessment.assess(change, Fixtures.catalog(), conflicts).risk();
    }

    private static Conflict conflict(boolean blocking) {
        return new Conflict(blocking ? ConflictKind.FREEZE_WINDOW : ConflictKind.SAME_SERVICE, "x", "x", null, "x", blocking);
    }
}
