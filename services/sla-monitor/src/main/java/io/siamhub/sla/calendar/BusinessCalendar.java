package io.siamhub.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A validated business calendar: the arithmetic of business time. Pure and immutable; instants in, instants out.
 *
 * <p>Rules (the README's "Time rules" section says the same):
 * <ul>
 * <li>Local wall times become instants by the rules of RFC 5545 §3.3.5, which are {@code java.time}'s
 * {@link ZonedDateTime#of}: a local time that does not exist (in a DST gap) moves forward by the length of the
 * gap; a local time that exists twice (in a DST overlap) means its first occurrence. So a night window on the
 * night of a DST change holds one hour more or less of real time.</li>
 * <li>Business time is real elapsed time inside open intervals (never a count of wall-clock hours).</li>
 * <li>A day that has no segments, or is a holiday, is closed all day (its local midnight to the next).</li>
 * <li>The due instant of a target is the earliest instant at which business time since the start reaches the
 * target: a target used up exactly at closing time is due at closing time. {@code P1D} is 24 hours of business
 * time.</li>
 * </ul>
 */
public final class BusinessCalendar {

    /** How far ahead {@link #due} looks for open time before giving up (about ten years). */
    public static final int HORIZON_DAYS = 3_660;

    /** One open local segment; {@code end == null} means 24:00. */
    record Segment(LocalTime start, LocalTime end) {
    }

    /** A half-open interval of real time [start, end). */
    public record Interval(Instant start, Instant end) {

        public Duration length() {
            return Duration.between(start, end);
        }
    }

    private final String name;
    private final ZoneId zone;
    private final boolean alwaysOpen;
    private final Map<DayOfWeek, List<Segment>> hours;
    private final NavigableSet<LocalDate> holidays;

    BusinessCalendar(String name, ZoneId zone, boolean alwaysOpen, Map<DayOfWeek, List<Segment>> hours,
            NavigableSet<LocalDate> holidays) {
        this.name = name;
        this.zone = zone;
        this.alwaysOpen = alwaysOpen;
        EnumMap<DayOfWeek, List<Segment>> copy = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, segments) -> copy.put(day, List.copyOf(segments)));
        this.hours = Collections.unmodifiableMap(copy);
        this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
    }

    /** A 24×7 calendar in UTC (every instant is business time). */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone) {
        return new BusinessCalendar(name, zone, true, Map.of(), new TreeSet<>());
    }

    public String name() {
        return name;
    }

    /** The IANA zone its local times are in. */
    public ZoneId zone() {
        return zone;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    /**
     * The due instant: the earliest instant at which business time counted from {@code start} reaches
     * {@code target}. A zero target is due at {@code start}.
     *
     * @throws IllegalArgumentException when {@code target} is negative
     * @throws NoOpenTimeException      when the calendar has not enough open time within {@link #HORIZON_DAYS}
     */
    public Instant due(Instant start, Duration target) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("target " + target + " is negative");
        }
        if (alwaysOpen || target.isZero()) {
            return start.plus(target);
        }
        Duration left = target;
        Instant counted = start;
        LocalDate day = localDate(start).minusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (Interval open : openOn(day)) {
                Instant from = later(open.start(), counted);
                if (!open.end().isAfter(from)) {
                    continue;
                }
                Duration length = Duration.between(from, open.end());
                if (length.compareTo(left) >= 0) {
                    return from.plus(left);
                }
                left = left.minus(length);
                counted = open.end();
            }
        }
        throw new NoOpenTimeException(name, target, start);
    }

    /** The earliest open instant at or after {@code instant} ({@code instant} itself when it is open). */
    public Instant nextOpen(Instant instant) {
        return due(instant, Duration.ofNanos(1)).minusNanos(1);
    }

    /**
     * Business time between two instants: real time inside open intervals of [from, to). Zero when
     * {@code to} is not after {@code from}.
     */
    public Duration elapsed(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        for (Interval open : openIntervals(from, to)) {
            total = total.plus(open.length());
        }
        return total;
    }

    /** The open intervals within [from, to), clipped to it, in order, never overlapping. */
    public List<Interval> openIntervals(Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        if (!to.isAfter(from)) {
            return result;
        }
        if (alwaysOpen) {
            result.add(new Interval(from, to));
            return result;
        }
        Instant counted = from;
        LocalDate last = localDate(to);
        for (LocalDate day = localDate(from).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Interval open : openOn(day)) {
                Instant start = later(open.start(), counted);
                Instant end = open.end().isBefore(to) ? open.end() : to;
                if (end.isAfter(start)) {
                    result.add(new Interval(start, end));
                    counted = end;
                }
            }
        }
        return result;
    }

    /** True when {@code instant} lies in open time (an interval includes its start, not its end). */
    public boolean isOpen(Instant instant) {
        if (alwaysOpen) {
            return true;
        }
        LocalDate day = localDate(instant);
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (Interval open : openOn(d)) {
                if (!instant.isBefore(open.start()) && instant.isBefore(open.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the whole local day is a holiday. */
    public boolean isHoliday(LocalDate day) {
        return holidays.contains(day);
    }

    /** The open intervals of one local day, as instants, in order (possibly touching or overlapping after DST moves). */
    List<Interval> openOn(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Segment> segments = hours.get(day.getDayOfWeek());
        if (segments == null || segments.isEmpty()) {
            return List.of();
        }
        List<Interval> intervals = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            Instant start = ZonedDateTime.of(day, segment.start(), zone).toInstant();
            Instant end = segment.end() == null
                    ? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant()
                    : ZonedDateTime.of(day, segment.end(), zone).toInstant();
            if (end.isAfter(start)) {
                intervals.add(new Interval(start, end));
            }
        }
        return intervals;
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The calendar does not have enough open time ahead to reach a target (say, every day is a holiday). */
    public static final class NoOpenTimeException extends RuntimeException {
        public NoOpenTimeException(String calendar, Duration target, Instant start) {
            super("calendar " + calendar + " has no " + target + " of open time within " + HORIZON_DAYS + " days after " + start);
        }
    }
}
