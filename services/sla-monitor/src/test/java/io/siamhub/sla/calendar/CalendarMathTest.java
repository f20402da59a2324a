package io.siamhub.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calendar arithmetic, one row per case: calendar / start (UTC) / duration / expected due (UTC).
 * Dates: Europe/Berlin changes to summer time on 2026-03-29 and back on 2026-10-25; America/New_York on
 * 2026-03-08 and 2026-11-01.
 */
class CalendarMathTest {

    private static final List<CalendarSpec.OpenHours> MORNING_AND_AFTERNOON = List.of(
            new CalendarSpec.OpenHours("09:00", "12:00"), new CalendarSpec.OpenHours("13:00", "17:00"));
    private static final List<CalendarSpec.OpenHours> NIGHT = List.of(
            new CalendarSpec.OpenHours("00:00", "06:00"), new CalendarSpec.OpenHours("22:00", "24:00"));
    private static final List<String> WORKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    private static final List<String> EVERY_DAY = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    static final Map<String, BusinessCalendar> CALENDARS = Map.of(
            "berlin-business", CalendarParser.parse(new CalendarSpec("Berlin business hours", "Europe/Berlin",
                    days(WORKDAYS, MORNING_AND_AFTERNOON), null,
                    List.of(new CalendarSpec.Holiday(null, "2026-12-24", "2026-12-31", "year end"),
                            new CalendarSpec.Holiday("2027-01-01", null, null, "new year")))),
            "berlin-night", CalendarParser.parse(new CalendarSpec("Berlin night shift", "Europe/Berlin", days(EVERY_DAY, NIGHT), null, null)),
            "berlin-2430", CalendarParser.parse(new CalendarSpec("Berlin Sunday early", "Europe/Berlin",
                    Map.of("SUNDAY", List.of(new CalendarSpec.OpenHours("02:30", "04:00"))), null, null)),
            "newyork-business", CalendarParser.parse(new CalendarSpec("New York business hours", "America/New_York",
                    days(WORKDAYS, List.of(new CalendarSpec.OpenHours("09:00", "17:00"))), null, null)),
            "newyork-night", CalendarParser.parse(new CalendarSpec("New York night shift", "America/New_York", days(EVERY_DAY, NIGHT), null, null)),
            "berlin-24x7", CalendarParser.parse(new CalendarSpec("24x7", "Europe/Berlin", null, true, null)));

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}  ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            berlin-business  | 2026-11-23T15:00:00Z | PT1H    | 2026-11-23T16:00:00Z | used up exactly at closing: due at closing (17:00 CET)
            berlin-business  | 2026-11-23T15:00:00Z | PT1H1S  | 2026-11-24T08:00:01Z | one second past closing: next morning 09:00:01 CET
            berlin-business  | 2026-11-23T10:00:00Z | PT2H    | 2026-11-23T13:00:00Z | two segments a day: 11-12, lunch closed, 13-14 CET
            berlin-business  | 2026-11-23T11:30:00Z | PT30M   | 2026-11-23T12:30:00Z | start at lunch (closed): counts from 13:00 CET
            berlin-business  | 2026-11-27T15:00:00Z | PT2H    | 2026-11-30T09:00:00Z | weekend: 1 h Friday, 1 h Monday
            berlin-business  | 2026-11-28T10:00:00Z | PT30M   | 2026-11-30T08:30:00Z | start inside closed time (Saturday)
            berlin-business  | 2026-12-23T15:00:00Z | PT2H    | 2027-01-04T09:00:00Z | holiday range across the year end, then New Year, then a weekend
            berlin-business  | 2026-11-23T08:00:00Z | P1D     | 2026-11-26T11:00:00Z | P1D is 24 business hours (7 a day): Thursday 12:00 CET, a closing time
            berlin-business  | 2026-03-27T15:00:00Z | PT2H    | 2026-03-30T08:00:00Z | summer time starts over the weekend: Monday 10:00 CEST
            berlin-business  | 2026-10-23T14:00:00Z | PT2H    | 2026-10-26T09:00:00Z | summer time ends over the weekend: Monday 10:00 CET
            berlin-night     | 2026-03-28T21:00:00Z | PT7H    | 2026-03-29T04:00:00Z | spring-forward night 22:00-06:00 holds 7 h
            berlin-night     | 2026-03-28T21:00:00Z | PT8H    | 2026-03-29T21:00:00Z | the 8th hour falls in the next night (22:00 CEST)
            berlin-night     | 2026-10-24T20:00:00Z | PT9H    | 2026-10-25T05:00:00Z | fall-back night 22:00-06:00 holds 9 h
            berlin-2430      | 2026-03-29T00:00:00Z | PT30M   | 2026-03-29T02:00:00Z | 02:30 does not exist: moves forward by the gap to 03:30 CEST
            berlin-2430      | 2026-10-25T00:00:00Z | PT2H30M | 2026-10-25T03:00:00Z | 02:30 exists twice: its first occurrence (CEST)
            newyork-business | 2026-03-06T21:00:00Z | PT2H    | 2026-03-09T14:00:00Z | New York summer time starts: Monday 10:00 EDT
            newyork-business | 2026-10-30T20:00:00Z | PT2H    | 2026-11-02T15:00:00Z | New York summer time ends: Monday 10:00 EST
            newyork-night    | 2026-03-08T03:00:00Z | PT7H    | 2026-03-08T10:00:00Z | New York spring-forward night holds 7 h
            newyork-night    | 2026-11-01T02:00:00Z | PT9H    | 2026-11-01T11:00:00Z | New York fall-back night holds 9 h
            berlin-24x7      | 2026-03-28T12:00:00Z | P1D     | 2026-03-29T12:00:00Z | 24x7 across DST: P1D is 24 real hours (14:00 CEST, not 13:00)
            berlin-24x7      | 2026-10-24T12:00:00Z | P1D     | 2026-10-25T12:00:00Z | 24x7 across the fall-back: 24 real hours
            """)
    void dueInstant(String calendar, Instant start, Duration duration, Instant expected, String why) {
        BusinessCalendar chosen = CALENDARS.get(calendar);

        Instant due = chosen.due(start, duration);

        assertThat(due).as(why).isEqualTo(expected);
        // the other way round: business time from the start to the due instant is the duration
        assertThat(chosen.elapsed(start, due)).as("elapsed to due: " + why).isEqualTo(duration);
    }

    @ParameterizedTest(name = "{0}: {1} .. {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            berlin-business | 2026-11-23T08:00:00Z | 2026-11-24T16:00:00Z | PT14H  | two whole working days
            berlin-business | 2026-11-27T15:00:00Z | 2026-11-30T09:00:00Z | PT2H   | across a weekend
            berlin-business | 2026-12-23T00:00:00Z | 2027-01-03T00:00:00Z | PT7H   | the holidays count nothing
            berlin-business | 2026-11-23T12:00:00Z | 2026-11-23T11:00:00Z | PT0S   | to before from
            berlin-night    | 2026-03-28T12:00:00Z | 2026-03-29T12:00:00Z | PT7H   | the short night
            berlin-night    | 2026-10-24T12:00:00Z | 2026-10-25T12:00:00Z | PT9H   | the long night
            berlin-24x7     | 2026-10-24T12:00:00Z | 2026-10-25T12:00:00Z | PT24H  | 24x7 is wall time
            """)
    void elapsedBusinessTime(String calendar, Instant from, Instant to, Duration expected, String why) {
        assertThat(CALENDARS.get(calendar).elapsed(from, to)).as(why).isEqualTo(expected);
    }

    @Test
    void openAndClosedInstants() {
        BusinessCalendar berlin = CALENDARS.get("berlin-business");

        assertThat(berlin.isOpen(Instant.parse("2026-11-23T08:00:00Z"))).as("09:00 CET opening instant").isTrue();
        assertThat(berlin.isOpen(Instant.parse("2026-11-23T16:00:00Z"))).as("17:00 CET closing instant").isFalse();
        assertThat(berlin.isOpen(Instant.parse("2026-11-23T11:30:00Z"))).as("lunch").isFalse();
        assertThat(berlin.isOpen(Instant.parse("2026-12-28T10:00:00Z"))).as("holiday").isFalse();
        assertThat(CALENDARS.get("berlin-24x7").isOpen(Instant.parse("2026-12-25T03:00:00Z"))).isTrue();
    }

    @Test
    void aCalendarThatIsNeverOpenAheadGivesUpInsteadOfLooping() {
        BusinessCalendar shut = CalendarParser.parse(new CalendarSpec("shut", "Europe/Berlin",
                Map.of("MONDAY", List.of(new CalendarSpec.OpenHours("09:00", "10:00"))), null,
                List.of(new CalendarSpec.Holiday(null, "2026-01-01", "2026-12-31", null),
                        new CalendarSpec.Holiday(null, "2027-01-01", "2027-12-31", null))));

        assertThat(shut.due(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1))).isEqualTo(Instant.parse("2028-01-03T09:00:00Z"));
        assertThatThrownBy(() -> shut.due(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(10_000)))
                .isInstanceOf(BusinessCalendar.NoOpenTimeException.class);
    }

    static Map<String, List<CalendarSpec.OpenHours>> days(List<String> days, List<CalendarSpec.OpenHours> hours) {
        java.util.LinkedHashMap<String, List<CalendarSpec.OpenHours>> map = new java.util.LinkedHashMap<>();
        days.forEach(day -> map.put(day, hours));
        return map;
    }
}
