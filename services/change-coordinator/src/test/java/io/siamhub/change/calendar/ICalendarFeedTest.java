package io.siamhub.change.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

import io.siamhub.change.Fixtures;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;

/**
 * The feed, parsed back by ical4j: UIDs, SEQUENCE, STATUS, TZID with VTIMEZONE, RRULE occurrences, folding. A
 * {@code @QuarkusTest} although it tests one class: ical4j registers its zone rules with the JVM-wide
 * {@code java.time.zone.ZoneRulesProvider} once per class loader, so it must share the Quarkus class loader the
 * service's own feed uses in this JVM (a second registration of the same ids fails).
 */
@io.quarkus.test.junit.QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(io.siamhub.localstack.LocalStackResource.class)
class ICalendarFeedTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void theFeedParsesBackWithEveryPropertyAClientNeeds() throws Exception {
        ChangeRequest change = Fixtures.change("CHG0000042", new TimeWindow(Instant.parse("2026-12-03T22:00:00Z"),
                Instant.parse("2026-12-04T01:30:00Z")), "payments-db").toBuilder().status(ChangeStatus.SCHEDULED).sequence(2)
                .description("A long description that certainly runs past seventy-five octets on one line, so the outputter must fold it "
                        + "— with a non-ASCII dash and ümlauts to check that folding counts octets, not characters.")
                .build();
        ChangeRequest cancelled = Fixtures.change("CHG0000043", new TimeWindow(Instant.parse("2026-12-10T08:00:00Z"),
                Instant.parse("2026-12-10T09:00:00Z")), "payments-api").toBuilder().status(ChangeStatus.CANCELLED).sequence(1).build();
        CalendarWindow monthEnd = Fixtures.recurring("Month-end freeze", WindowKind.FREEZE, "Europe/Berlin", "FREQ=MONTHLY;BYMONTHDAY=-1",
                LocalTime.of(18, 0), Duration.ofHours(12), LocalDate.parse("2026-01-01"), true, WindowScope.EVERYTHING);
        CalendarWindow christmas = Fixtures.period("Christmas", WindowKind.FREEZE, "America/New_York", LocalDateTime.parse("2026-12-24T00:00"),
                LocalDateTime.parse("2026-12-27T00:00"), false, WindowScope.EVERYTHING);
        CalendarWindow lockdown = Fixtures.period("P1 on payments", WindowKind.LOCKDOWN, "Europe/Berlin", LocalDateTime.parse("2026-12-20T09:15"),
                null, true, WindowScope.EVERYTHING);
        ChangeCalendar calendar = ChangeCalendar.of(FROM, TO, List.of(change, cancelled), List.of(monthEnd, christmas, lockdown),
                new ChangeCalendar.Filter(null, null, null), Fixtures.catalog());

        String text = ICalendarFeed.write(calendar, Instant.parse("2026-11-30T12:00:00Z"), "http://127.0.0.1:8083");

        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("octets of %s", line).isLessThanOrEqualTo(75);
        }
        assertThat(text.replaceAll("\r\n", "")).doesNotContain("\n");
        assertThat(text).contains("\r\n ");

        Calendar parsed = new CalendarBuilder().build(new StringReader(text));
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertThat(events).hasSize(5);

        // RFC 5545 §3.6.1: DTSTAMP and UID are required and "MUST NOT occur more than once"; DTSTART once as well (§3.8.2.4)
        for (VEvent event : events) {
            assertThat(event.getProperties("DTSTAMP")).as("DTSTAMP of %s", value(event, "UID")).hasSize(1);
            assertThat(event.getProperties("UID")).as("UID of %s", value(event, "UID")).hasSize(1);
            assertThat(event.getProperties("DTSTART")).as("DTSTART of %s", value(event, "UID")).hasSize(1);
            assertThat(value(event, "DTSTAMP")).as("the feed's own instant, not the wall clock").isEqualTo("20261130T120000Z");
        }
        String unfolded = text.replace("\r\n ", "");
        assertThat(unfolded.split("\r\nDTSTAMP:", -1)).as("one DTSTAMP line per VEVENT").hasSize(events.size() + 1);

        VEvent first = event(events, change.id() + "@siam-hub");
        assertThat(value(first, "DTSTART")).isEqualTo("20261203T220000Z");
        assertThat(value(first, "DTEND")).isEqualTo("20261204T013000Z");
        assertThat(value(first, "SEQUENCE")).isEqualTo("2");
        assertThat(value(first, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(first, "SUMMARY")).isEqualTo("CHG0000042 change CHG0000042");
        assertThat(value(first, "DESCRIPTION")).contains("ümlauts to check that folding counts octets");

        VEvent gone = event(events, cancelled.id() + "@siam-hub");
        assertThat(value(gone, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(gone, "SEQUENCE")).isEqualTo("1");

        VEvent freeze = event(events, monthEnd.id() + "@siam-hub");
        Property start = freeze.getProperty("DTSTART").orElseThrow();
        assertThat(start.getParameter("TZID").orElseThrow().getValue()).isEqualTo("Europe/Berlin");
        assertThat(start.getValue()).isEqualTo("20260101T180000");
        assertThat(value(freeze, "RRULE")).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=-1");
        List<VTimeZone> zones = parsed.getComponents("VTIMEZONE");
        assertThat(zones).as("one VTIMEZONE per zone a recurring window is written in; single events are in UTC")
                .extracting(zone -> zone.getProperty("TZID").orElseThrow().getValue()).containsExactly("Europe/Berlin");

        // single events in UTC: a one-period freeze (local midnight in New York is 05:00Z), a lockdown not yet lifted
        VEvent christmasEvent = event(events, christmas.id() + "@siam-hub");
        assertThat(value(christmasEvent, "DTSTART")).isEqualTo("20261224T050000Z");
        assertThat(value(christmasEvent, "DTEND")).isEqualTo("20261227T050000Z");
        assertThat(christmasEvent.getProperty("DTSTART").orElseThrow().getParameter("TZID")).isEmpty();
        VEvent open = event(events, lockdown.id() + "@siam-hub");
        assertThat(value(open, "DTSTART")).isEqualTo("20261220T081500Z");
        assertThat(value(open, "DTEND")).as("shown to the end of the period asked for").isEqualTo("20270101T000000Z");
        assertThat(value(open, "DESCRIPTION")).contains("Until lifted");

        // a client expanding the RRULE gets the same instants we do, across the DST change
        List<Period<Temporal>> occurrences = List.copyOf(freeze.<Temporal> calculateRecurrenceSet(new Period<>(
                ZonedDateTime.parse("2026-03-01T00:00:00Z"), ZonedDateTime.parse("2026-11-01T00:00:00Z"))));
        List<Instant> starts = occurrences.stream().map(period -> Instant.from(period.getStart())).sorted().toList();
        List<Instant> ours = Recurrence.occurrences(monthEnd, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))
                .stream().map(TimeWindow::start).toList();
        assertThat(starts).containsExactlyElementsOf(ours);
        assertThat(starts).contains(Instant.parse("2026-03-31T16:00:00Z"), Instant.parse("2026-10-31T17:00:00Z"));
    }

    @Test
    void uidsAreStableAcrossFeeds() {
        ChangeRequest change = Fixtures.change("CHG0000042", new TimeWindow(Instant.parse("2026-12-03T22:00:00Z"),
                Instant.parse("2026-12-04T01:30:00Z")), "payments-db");
        ChangeCalendar calendar = ChangeCalendar.of(FROM, TO, List.of(change), List.of(), new ChangeCalendar.Filter(null, null, null),
                Fixtures.catalog());
        String one = ICalendarFeed.write(calendar, Instant.parse("2026-11-30T12:00:00Z"), null);
        String two = ICalendarFeed.write(calendar, Instant.parse("2026-11-30T13:00:00Z"), null);
        assertThat(uids(one)).isEqualTo(uids(two)).containsExactly("UID:" + change.id() + "@siam-hub");
    }

    private static List<String> uids(String text) {
        return Arrays.stream(text.replace("\r\n ", "").split("\r\n")).filter(line -> line.startsWith("UID:")).toList();
    }

    private static VEvent event(List<VEvent> events, String uid) {
        return events.stream().filter(event -> value(event, "UID").equals(uid)).findFirst().orElseThrow();
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }
}
