package io.siamhub.change.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import net.fortuna.ical4j.model.Recur;

import io.siamhub.model.TimeWindow;

/**
 * Expands calendar windows into occurrences: RFC 5545 RRULE (through ical4j's {@link Recur}) evaluated in the
 * window's IANA zone, so 18:00 local stays 18:00 local across daylight-saving changes. A local start that does
 * not exist (inside a spring-forward gap) moves forward by the gap's length, and one that exists twice (the
 * autumn overlap) takes the earlier offset, as RFC 5545 §3.3.5 prescribes. Every occurrence is half-open
 * {@code [start, start + duration)}. Pure: no clock, no I/O.
 */
public final class Recurrence {

    /** The most occurrences one expansion returns (a minutely rule over 90 days stops here). */
    static final int LIMIT = 10_000;

    private Recurrence() {
    }

    /**
     * The occurrences of {@code window} that overlap {@code [from, to)}, in time order. A lockdown or period
     * with no end extends to {@code to}.
     *
     * @throws IllegalArgumentException when the rule or zone cannot be read (the API validates both before storing)
     */
    public static List<TimeWindow> occurrences(CalendarWindow window, Instant from, Instant to) {
        ZoneId zone = zone(window.timeZone());
        List<TimeWindow> found = new ArrayList<>();
        if (!window.recurring()) {
            Instant start = window.start().atZone(zone).toInstant();
            Instant end = window.end() == null ? null : window.end().atZone(zone).toInstant();
            TimeWindow period = new TimeWindow(start, end);
            if (period.overlaps(new TimeWindow(from, to))) {
                found.add(period);
            }
            return found;
        }
        Duration length = window.duration();
        ZonedDateTime seed = ZonedDateTime.of(window.startDate(), window.startTime(), zone);
        // an occurrence that began up to one duration before `from` still overlaps it
        ZonedDateTime periodStart = from.minus(length).atZone(zone);
        ZonedDateTime periodEnd = to.atZone(zone);
        if (!periodEnd.isAfter(seed)) {
            return found;
        }
        Recur<ZonedDateTime> rule = rule(window.rrule());
        for (ZonedDateTime start : rule.getDates(seed, periodStart, periodEnd, LIMIT)) {
            ZonedDateTime local = ZonedDateTime.ofLocal(start.toLocalDateTime(), zone, null);
            TimeWindow occurrence = new TimeWindow(local.toInstant(), local.toInstant().plus(length));
            if (occurrence.end().isAfter(from) && occurrence.start().isBefore(to)) {
                found.add(occurrence);
            }
        }
        found.sort(java.util.Comparator.comparing(TimeWindow::start));
        return found;
    }

    /** The first occurrence that starts at or after {@code at}, looking {@code within} ahead; null when none. */
    public static TimeWindow next(CalendarWindow window, Instant at, Duration within) {
        return occurrences(window, at, at.plus(within)).stream().filter(occurrence -> !occurrence.start().isBefore(at))
                .findFirst().orElse(null);
    }

    /**
     * Reads an RRULE: {@code FREQ=MONTHLY;BYMONTHDAY=-1}. ical4j accepts rules RFC 5545 does not (no FREQ);
     * those are refused here.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Recur<ZonedDateTime> rule(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw new IllegalArgumentException("rrule is empty");
        }
        String text = rrule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        if (!text.toUpperCase(java.util.Locale.ROOT).contains("FREQ=")) {
            throw new IllegalArgumentException("rrule needs FREQ (RFC 5545 §3.3.10), e.g. FREQ=MONTHLY;BYMONTHDAY=-1");
        }
        try {
            return new Recur<>(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rrule " + rrule + " is not RFC 5545 RRULE text: " + e.getMessage(), e);
        }
    }

    /**
     * An IANA zone id ({@code Europe/Berlin}); offsets ({@code +01:00}) and abbreviations are refused: they
     * know no daylight-saving rules.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static ZoneId zone(String id) {
        if (id == null || !id.contains("/") && !id.equals("UTC")) {
            throw new IllegalArgumentException("timeZone " + id + " is not an IANA zone id such as Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone " + id + " is not an IANA zone id such as Europe/Berlin or UTC", e);
        }
    }
}
