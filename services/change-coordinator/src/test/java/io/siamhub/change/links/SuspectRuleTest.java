package io.siamhub.change.links;

import static io.siamhub.change.Fixtures.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.incident.Incident;

/** Suspected causes inside and outside the window, ranked by proximity. */
class SuspectRuleTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(4);

    @Test
    void runningChangesOnTheCiComeFirstThenRelatedServicesThenRecentlyEndedOnes() {
        ChangeRequest running = ran("CHG0000001", ChangeStatus.IN_PROGRESS, START, null, "payments-db");
        ChangeRequest relatedRunning = ran("CHG0000002", ChangeStatus.IN_PROGRESS, START, null, "webshop-vms");
        ChangeRequest endedRecently = ran("CHG0000003", ChangeStatus.COMPLETED, START.minus(Duration.ofHours(2)), START.plus(Duration.ofMinutes(20)),
                "payments-api");
        ChangeRequest endedLongAgo = ran("CHG0000004", ChangeStatus.FAILED, START.minus(Duration.ofHours(9)), START.minus(Duration.ofHours(4)),
                "payments-db");
        ChangeRequest elsewhere = ran("CHG0000005", ChangeStatus.IN_PROGRESS, START, null, "reporting-ec2");
        ChangeRequest notStarted = change("CHG0000006", new TimeWindow(START, START.plus(Duration.ofHours(2))), "payments-db").toBuilder()
                .status(ChangeStatus.SCHEDULED).build();

        List<SuspectRule.Suspect> found = SuspectRule.suspects(incident("payments-db", "payments", START.plus(Duration.ofMinutes(55))),
                List.of(endedLongAgo, elsewhere, endedRecently, relatedRunning, running, notStarted), Fixtures.catalog(), 1, WINDOW);

        assertThat(found).extracting(suspect -> suspect.change().number()).containsExactly("CHG0000001", "CHG0000002", "CHG0000003");
        assertThat(found.get(0).reason()).isEqualTo("INC0000009 opened on payments-db while CHG0000001 was in progress");
        assertThat(found.get(2).reason()).isEqualTo("INC0000009 opened on service payments 35 min after CHG0000003 completed");
    }

    @Test
    void theSuspectWindowIsHalfOpen() {
        ChangeRequest ended = ran("CHG0000001", ChangeStatus.BACKED_OUT, START, START.plus(Duration.ofHours(1)), "payments-db");
        Instant edge = START.plus(Duration.ofHours(5));
        assertThat(SuspectRule.suspects(incident("payments-db", "payments", edge.minusSeconds(1)), List.of(ended), Fixtures.catalog(), 1, WINDOW))
                .hasSize(1);
        assertThat(SuspectRule.suspects(incident("payments-db", "payments", edge), List.of(ended), Fixtures.catalog(), 1, WINDOW)).isEmpty();
        assertThat(SuspectRule.suspects(incident("payments-db", "payments", START.minusSeconds(1)), List.of(ended), Fixtures.catalog(), 1, WINDOW))
                .as("before it started").isEmpty();
    }

    private static ChangeRequest ran(String number, ChangeStatus status, Instant start, Instant end, String item) {
        return change(number, new TimeWindow(start, start.plus(Duration.ofHours(3))), item).toBuilder().status(status)
                .actual(new TimeWindow(start, end)).build();
    }

    private static Incident incident(String item, String service, Instant at) {
        return new Incident("6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21", "INC0000009", "boom", null, null, null, null, null, service, item, null,
                null, List.of(), List.of(), false, false, false, false, at, null, null, null, 1);
    }
}
