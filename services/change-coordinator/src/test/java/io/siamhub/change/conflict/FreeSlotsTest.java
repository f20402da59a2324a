package io.siamhub.change.conflict;

import static io.siamhub.change.Fixtures.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.calendar.WindowScope;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;

/** "When can I do this?": free slots around changes, freezes, and inside maintenance windows. */
class FreeSlotsTest {

    private static final CatalogView CATALOG = Fixtures.catalog();
    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @Test
    void slotsStepAroundAClashingChangeAndAHardFreezeAndEachIsConflictFree() {
        Subject other = Subject.of(change("CHG0000002", new TimeWindow(Instant.parse("2026-12-01T11:00:00Z"),
                Instant.parse("2026-12-01T13:00:00Z")), "payments-db"), CATALOG, 1);
        CalendarWindow freeze = Fixtures.period("Freeze", WindowKind.FREEZE, "UTC", LocalDateTime.parse("2026-12-01T15:00"),
                LocalDateTime.parse("2026-12-01T20:00"), true, WindowScope.EVERYTHING);
        Subject proposal = proposal("payments-db");

        List<TimeWindow> slots = FreeSlots.find(proposal, TWO_HOURS, FROM, Duration.ofDays(90), 3, Duration.ofMinutes(15), List.of(other),
                List.of(freeze));

        assertThat(slots).containsExactly(
                new TimeWindow(Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T15:00:00Z")),
                new TimeWindow(Instant.parse("2026-12-01T20:00:00Z"), Instant.parse("2026-12-01T22:00:00Z")),
                new TimeWindow(Instant.parse("2026-12-01T22:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")));
        for (TimeWindow slot : slots) {
            Subject at = new Subject(null, null, null, ChangeOrigin.RFC, slot, proposal.items(), proposal.services(), proposal.related(),
                    proposal.providers(), proposal.places(), proposal.ownPlaces(), proposal.implementer());
            assertThat(ConflictDetector.detect(at, List.of(other), List.of(freeze))).as("slot %s", slot).isEmpty();
        }
    }

    @Test
    void slotsLieInsideOneMaintenanceWindowOccurrenceAndStartOnTheStep() {
        CalendarWindow nights = Fixtures.recurring("Nights", WindowKind.MAINTENANCE, "Europe/Berlin", "FREQ=DAILY", LocalTime.of(22, 0),
                Duration.ofHours(5), LocalDate.parse("2026-11-01"), false, new WindowScope(List.of(), List.of("payments-db"), List.of()));

        List<TimeWindow> slots = FreeSlots.find(proposal("payments-db"), Duration.ofHours(3), Instant.parse("2026-12-01T10:07:00Z"),
                Duration.ofDays(90), 4, Duration.ofMinutes(15), List.of(), List.of(nights));

        // 22:00 Berlin (CET) is 21:00Z; a 5-hour night holds one 3-hour slot
        assertThat(slots).extracting(TimeWindow::start).containsExactly(Instant.parse("2026-12-01T21:00:00Z"),
                Instant.parse("2026-12-02T21:00:00Z"), Instant.parse("2026-12-03T21:00:00Z"), Instant.parse("2026-12-04T21:00:00Z"));
    }

    @Test
    void noSlotInsideAFreezeWhoseExpansionReachesTheLimit() {
        // a sub-daily hard freeze stored before such rules were refused: one second every minute, everywhere
        CalendarWindow everyMinute = Fixtures.recurring("legacy", WindowKind.FREEZE, "Europe/Berlin", "FREQ=MINUTELY", LocalTime.of(0, 0),
                Duration.ofSeconds(1), LocalDate.parse("2026-11-30"), true, WindowScope.EVERYTHING);
        Subject proposal = proposal("payments-db");
        List<TimeWindow> slots = FreeSlots.find(proposal, Duration.ofHours(1), FROM, Duration.ofDays(90), 3, Duration.ofMinutes(15), List.of(),
                List.of(everyMinute));
        for (TimeWindow slot : slots) {
            Subject at = new Subject(null, null, null, ChangeOrigin.RFC, slot, proposal.items(), proposal.services(), proposal.related(),
                    proposal.providers(), proposal.places(), proposal.ownPlaces(), proposal.implementer());
            assertThat(ConflictDetector.detect(at, List.of(), List.of(everyMinute))).as("slot %s", slot).isEmpty();
        }
        assertThat(slots).isEmpty();
    }

    @Test
    void noSlotWhenALockdownCoversTheWholeHorizon() {
        CalendarWindow lockdown = Fixtures.period("Lockdown", WindowKind.LOCKDOWN, "UTC", LocalDateTime.parse("2026-11-30T00:00"), null, true,
                WindowScope.EVERYTHING);
        assertThat(FreeSlots.find(proposal("payments-db"), TWO_HOURS, FROM, Duration.ofDays(90), 10, Duration.ofMinutes(15), List.of(),
                List.of(lockdown))).isEmpty();
    }

    @Test
    void aSlotNeverStraddlesTheHorizon() {
        assertThat(FreeSlots.find(proposal("payments-db"), Duration.ofHours(30), FROM, Duration.ofDays(1), 10, Duration.ofMinutes(15), List.of(),
                List.of())).isEmpty();
        assertThat(FreeSlots.roundUp(Instant.parse("2026-12-01T10:00:01Z"), Duration.ofMinutes(15))).isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
        assertThat(FreeSlots.roundUp(Instant.parse("2026-12-01T10:15:00Z"), Duration.ofMinutes(15))).isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
    }

    private static Subject proposal(String... items) {
        return Subject.of(null, null, null, ChangeOrigin.RFC, null, List.of(), List.of(items), null, null, null, null, CATALOG, 1);
    }
}
