package io.siamhub.sla.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.model.Priority;

/** Which incidents a definition applies to, an unmapped one (no service, CI or owner) included. */
class AppliesToTest {

    @Test
    void anEmptyListTakesAnythingAGivenListOnlyItsOwnValues() {
        AppliesTo p1Payments = new AppliesTo(List.of(Priority.P1), List.of("payments"), List.of(), List.of(), null);
        assertThat(p1Payments.matches(Priority.P1, "payments", "db-07", "dba", false)).isTrue();
        assertThat(p1Payments.matches(Priority.P2, "payments", "db-07", "dba", false)).isFalse();
        assertThat(p1Payments.matches(Priority.P1, "webshop", "db-07", "dba", false)).isFalse();
        assertThat(AppliesTo.ANYTHING.matches(Priority.P4, null, null, null, true)).isTrue();
    }

    @Test
    void anUnmappedIncidentMatchesOnlyListsLeftEmpty() {
        AppliesTo payments = new AppliesTo(List.of(), List.of("payments"), List.of("db-07"), List.of("dba"), null);
        assertThat(payments.matches(Priority.P3, null, null, null, false)).isFalse();
        assertThat(new AppliesTo(List.of(Priority.P3), List.of(), List.of(), List.of(), null).matches(null, null, null, null, false))
                .as("no priority yet").isFalse();
        assertThat(new AppliesTo(List.of(Priority.P3), List.of(), List.of(), List.of(), false).matches(Priority.P3, null, null, null, false))
                .isTrue();
    }
}
