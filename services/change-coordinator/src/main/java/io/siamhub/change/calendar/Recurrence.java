package io.siamhub.change.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * The most occurrences one expansion computes. A rule the API accepts recurs at most once a local day
     * ({@link #rule}), so a two-year calendar needs some 733 and the limit is never reached by them; it only guards
     * against a rule stored before sub-daily rules were refused. When an expansion reaches it, the rest of the period
     * from the last occurrence's start counts as one occurrence ({@link #occurrences}): a freeze beyond the limit stays
     * a freeze, so a free slot is never proposed inside one.
     */
    static final int LIMIT = 10_000;

    /** RFC 5545 §3.3.10 {@code freq}, coarsest last. */
    private static final List<String> FREQUENCIES = List.of("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY");

    /** What a window's rule may use: at most daily, the time of day comes from {@code startTime}. */
    private static final List<String> ALLOWED_FREQUENCIES = List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");

    /** Rule parts that would repeat a window within one day ({@code startTime} gives its time of day). */
    private static final List<String> TIME_OF_DAY_PARTS = List.of("BYHOUR", "BYMINUTE", "BYSECOND");

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
        Recur<ZonedDateTime> rule = stored(window.rrule());
        List<ZonedDateTime> starts = rule.getDates(seed, periodStart, periodEnd, LIMIT);
        for (ZonedDateTime start : starts) {
            ZonedDateTime local = ZonedDateTime.ofLocal(start.toLocalDateTime(), zone, null);
            TimeWindow occurrence = new TimeWindow(local.toInstant(), local.toInstant().plus(length));
            if (occurrence.end().isAfter(from) && occurrence.start().isBefore(to)) {
                found.add(occurrence);
            }
        }
        found.sort(java.util.Comparator.comparing(TimeWindow::start));
        if (starts.size() >= LIMIT && !found.isEmpty()) {
            // the expansion stopped early (only a sub-daily rule stored before such rules were refused gets here): what it
            // did not reach counts as covered, so a freeze never ends silently at the limit
            TimeWindow last = found.remove(found.size() - 1);
            found.add(new TimeWindow(last.start(), last.end().isAfter(to) ? last.end() : to));
        }
        return found;
    }

    /** The first occurrence that starts at or after {@code at}, looking {@code within} ahead; null when none. */
    public static TimeWindow next(CalendarWindow window, Instant at, Duration within) {
        return occurrences(window, at, at.plus(within)).stream().filter(occurrence -> !occurrence.start().isBefore(at))
                .findFirst().orElse(null);
    }

    /**
     * Reads the RRULE of a new or replaced window ({@code FREQ=MONTHLY;BYMONTHDAY=-1}) and refuses what a freeze or
     * maintenance window cannot be: no {@code FREQ} (ical4j would accept it), a {@code FREQ} RFC 5545 §3.3.10 does not
     * define, and any rule that repeats within a day ({@code SECONDLY}, {@code MINUTELY}, {@code HOURLY}, or
     * {@code BYHOUR} / {@code BYMINUTE} / {@code BYSECOND}): a window recurs at most daily, at its {@code startTime},
     * for its {@code duration}.
     *
     * @throws IllegalArgumentException naming what is wrong and what the rule takes, in our words (never ical4j's)
     */
    public static Recur<ZonedDateTime> rule(String rrule) {
        String text = text(rrule);
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("rrule part " + shown(part) + " is not NAME=VALUE; an RFC 5545 rule reads like "
                        + "FREQ=WEEKLY;BYDAY=SU or FREQ=MONTHLY;BYMONTHDAY=-1");
            }
            parts.put(part.substring(0, equals).strip().toUpperCase(Locale.ROOT), part.substring(equals + 1).strip());
        }
        String freq = parts.get("FREQ");
        if (freq == null) {
            throw new IllegalArgumentException("rrule needs FREQ (RFC 5545 §3.3.10), e.g. FREQ=MONTHLY;BYMONTHDAY=-1");
        }
        String frequency = freq.toUpperCase(Locale.ROOT);
        if (!FREQUENCIES.contains(frequency)) {
            throw new IllegalArgumentException("FREQ=" + shown(freq) + " is not an RFC 5545 frequency; a freeze or maintenance window "
                    + "takes FREQ=" + String.join(", ", ALLOWED_FREQUENCIES) + " (RFC 5545 also has SECONDLY, MINUTELY, HOURLY, which "
                    + "a window may not use)");
        }
        if (!ALLOWED_FREQUENCIES.contains(frequency)) {
            throw new IllegalArgumentException("FREQ=" + frequency + " is refused: a freeze or maintenance window recurs at most daily, "
                    + "at its startTime for its duration; use FREQ=" + String.join(", ", ALLOWED_FREQUENCIES)
                    + " (a window that lasts all day: FREQ=DAILY with duration P1D, or one period with start and end)");
        }
        for (String part : TIME_OF_DAY_PARTS) {
            if (parts.containsKey(part)) {
                throw new IllegalArgumentException(part + " is refused: a freeze or maintenance window recurs at most daily and starts "
                        + "at its startTime; give the time of day as startTime (e.g. 18:00), not in the rule");
            }
        }
        return parse(text, rrule);
    }

    /**
     * Reads a stored window's RRULE for expansion, without {@link #rule}'s refusals (a window stored before them
     * still expands; {@link #occurrences} bounds it).
     *
     * @throws IllegalArgumentException when it is not RRULE text at all
     */
    static Recur<ZonedDateTime> stored(String rrule) {
        return parse(text(rrule), rrule);
    }

    private static String text(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw new IllegalArgumentException("rrule is empty; e.g. FREQ=MONTHLY;BYMONTHDAY=-1");
        }
        String text = rrule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        return text;
    }

    private static Recur<ZonedDateTime> parse(String text, String rrule) {
        try {
            return new Recur<>(text);
        } catch (RuntimeException e) {
            // ical4j's messages name its own classes ("No enum constant net.fortuna…"): say what RFC 5545 wants instead
            throw new IllegalArgumentException("rrule " + shown(rrule) + " is not RFC 5545 RRULE text: each part is NAME=VALUE, "
                    + "separated by ';' (FREQ, INTERVAL, COUNT, UNTIL, BYDAY=MO,TU…, BYMONTHDAY=1..31 or -1, BYMONTH=1..12, "
                    + "BYSETPOS, WKST), e.g. FREQ=WEEKLY;BYDAY=SU", e);
        }
    }

    /** A value echoed in a message: control characters (a CR/LF smuggled into a rule) shown as '?', at most 80 characters. */
    private static String shown(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
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
