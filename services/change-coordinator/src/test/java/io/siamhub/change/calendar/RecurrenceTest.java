package io.siamhub.change.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.model.TimeWindow;

/** RFC 5545 RRULE expansion in an IANA zone, across both daylight-saving changes. */
class RecurrenceTest {

    private static final CalendarWindow MONTH_END = Fixtures.recurring("Month-end freeze", WindowKind.FREEZE, "Europe/Berlin",
            "FREQ=MONTHLY;BYMONTHDAY=-1", LocalTime.of(18, 0), Duration.ofHours(12), LocalDate.parse("2026-01-01"), true,
            WindowScope.EVERYTHING);

    @Test
    void aMonthEndFreezeInBerlinStaysAt18LocalAcrossBothDstChanges() {
        List<TimeWindow> year = Recurrence.occurrences(MONTH_END, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(year).hasSize(12);
        // winter (CET, UTC+1): 17:00Z; summer (CEST, UTC+2): 16:00Z; DST starts 2026-03-29, ends 2026-10-25
        assertThat(year.get(0).start()).isEqualTo(Instant.parse("2026-01-31T17:00:00Z"));
        assertThat(year.get(1).start()).isEqualTo(Instant.parse("2026-02-28T17:00:00Z"));
        assertThat(year.get(2).start()).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
        assertThat(year.get(8).start()).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
        assertThat(year.get(9).start()).isEqualTo(Instant.parse("2026-10-31T17:00:00Z"));
        assertThat(year.get(11).start()).isEqualTo(Instant.parse("2026-12-31T17:00:00Z"));
        assertThat(year).allSatisfy(occurrence -> assertThat(Duration.between(occurrence.start(), occurrence.end())).isEqualTo(Duration.ofHours(12)));
    }

    @Test
    void aWeeklyWindowKeepsItsLocalTimeOnTheWeekendsTheClocksChange() {
        CalendarWindow saturdays = Fixtures.recurring("Saturday night", WindowKind.MAINTENANCE, "Europe/Berlin", "FREQ=WEEKLY;BYDAY=SA",
                LocalTime.of(22, 0), Duration.ofHours(4), LocalDate.parse("2026-03-01"), false, WindowScope.EVERYTHING);
        List<TimeWindow> spring = Recurrence.occurrences(saturdays, Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-04-05T00:00:00Z"));
        assertThat(spring).extracting(TimeWindow::start).containsExactly(Instant.parse("2026-03-28T21:00:00Z"), Instant.parse("2026-04-04T20:00:00Z"));
        List<TimeWindow> autumn = Recurrence.occurrences(saturdays, Instant.parse("2026-10-23T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(autumn).extracting(TimeWindow::start).containsExactly(Instant.parse("2026-10-24T20:00:00Z"), Instant.parse("2026-10-31T21:00:00Z"));
    }

    @Test
    void aLocalTimeInsideTheSpringGapMovesForwardAndOneInTheAutumnOverlapTakesTheEarlierOffset() {
        CalendarWindow nightly = Fixtures.recurring("Nightly", WindowKind.FREEZE, "Europe/Berlin", "FREQ=DAILY", LocalTime.of(2, 30),
                Duration.ofMinutes(30), LocalDate.parse("2026-03-01"), false, WindowScope.EVERYTHING);
        // 2026-03-29 02:30 does not exist in Berlin: RFC 5545 §3.3.5 reads it as 03:30 CEST (01:30Z)
        assertThat(Recurrence.occurrences(nightly, Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T06:00:00Z")))
                .extracting(TimeWindow::start).containsExactly(Instant.parse("2026-03-29T01:30:00Z"));
        // 2026-10-25 02:30 happens twice: the first (CEST, 00:30Z)
        assertThat(Recurrence.occurrences(nightly, Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T06:00:00Z")))
                .extracting(TimeWindow::start).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void anOccurrenceThatBeganBeforeThePeriodStillOverlapsItAndNoneExistBeforeTheStartDate() {
        List<TimeWindow> found = Recurrence.occurrences(MONTH_END, Instant.parse("2026-02-01T02:00:00Z"), Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(found).extracting(TimeWindow::start).containsExactly(Instant.parse("2026-01-31T17:00:00Z"));
        assertThat(Recurrence.occurrences(MONTH_END, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aPeriodIsLocalInItsZone() {
        CalendarWindow christmas = Fixtures.period("Christmas", WindowKind.FREEZE, "America/New_York", LocalDateTime.parse("2026-12-24T00:00"),
                LocalDateTime.parse("2026-12-27T00:00"), true, WindowScope.EVERYTHING);
        assertThat(Recurrence.occurrences(christmas, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .containsExactly(new TimeWindow(Instant.parse("2026-12-24T05:00:00Z"), Instant.parse("2026-12-27T05:00:00Z")));
        assertThat(Recurrence.occurrences(christmas, Instant.parse("2026-12-27T05:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .as("half-open: the end is not inside").isEmpty();
    }

    @Test
    void aWindowRecursAtMostDaily() {
        for (String rule : List.of("FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=5", "freq=hourly", "RRULE:FREQ=HOURLY;BYDAY=MO")) {
            assertThatThrownBy(() -> Recurrence.rule(rule)).as(rule).hasMessageContaining("recurs at most daily")
                    .hasMessageContaining("FREQ=DAILY, WEEKLY, MONTHLY, YEARLY");
        }
        for (String rule : List.of("FREQ=DAILY;BYHOUR=0,6,12,18", "FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,30", "FREQ=DAILY;BYSECOND=1")) {
            assertThatThrownBy(() -> Recurrence.rule(rule)).as(rule).hasMessageContaining("startTime");
        }
        assertThat(Recurrence.rule("FREQ=DAILY")).isNotNull();
        assertThat(Recurrence.rule("RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24")).isNotNull();
    }

    @Test
    void aSubDailyRuleStoredBeforeTheRefusalNeverEndsSilentlyAtTheExpansionLimit() {
        // a minutely one-second freeze, as the API accepted it once: 90 days hold far more than LIMIT occurrences
        CalendarWindow everyMinute = Fixtures.recurring("legacy", WindowKind.FREEZE, "Europe/Berlin", "FREQ=MINUTELY", LocalTime.of(18, 0),
                Duration.ofSeconds(1), LocalDate.parse("2026-11-30"), true, WindowScope.EVERYTHING);
        Instant from = Instant.parse("2026-11-30T17:00:00Z");
        Instant to = from.plus(Duration.ofDays(90));
        List<TimeWindow> found = Recurrence.occurrences(everyMinute, from, to);
        assertThat(found).hasSize(Recurrence.LIMIT);
        assertThat(found.get(found.size() - 1).end()).as("what the expansion did not reach counts as covered").isEqualTo(to);
    }

    @Test
    void badRulesAndZonesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Recurrence.rule("BYMONTHDAY=-1")).hasMessageContaining("FREQ");
        assertThatThrownBy(() -> Recurrence.rule("FREQ=SOMETIMES")).hasMessageContaining("FREQ=SOMETIMES is not an RFC 5545 frequency")
                .hasMessageContaining("DAILY, WEEKLY, MONTHLY, YEARLY").hasMessageNotContaining("net.fortuna").hasMessageNotContaining("enum");
        assertThatThrownBy(() -> Recurrence.rule("FREQ=WEEKLY;INTERVAL=often")).hasMessageContaining("not RFC 5545 RRULE text")
                .hasMessageContaining("INTERVAL").hasMessageNotContaining("NumberFormat");
        assertThatThrownBy(() -> Recurrence.rule("FREQ=DAILY\r\nX-EVIL:1;BYDAY=MO")).hasMessageNotContaining("\r").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Recurrence.zone("CET+1")).hasMessageContaining("IANA");
        assertThatThrownBy(() -> Recurrence.zone("Europe/Atlantis")).hasMessageContaining("IANA");
        assertThat(Recurrence.zone("UTC").getId()).isEqualTo("UTC");
    }
}
