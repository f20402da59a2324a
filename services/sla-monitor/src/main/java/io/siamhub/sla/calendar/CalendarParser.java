package io.siamhub.sla.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.siamhub.sla.Invalid;

/**
 * Checks a {@link CalendarSpec} and builds its {@link BusinessCalendar}. Every problem is named by its field
 * ({@code timeZone}, {@code hours.MONDAY}, {@code hours.MONDAY[1].end}, {@code holidays[0].from}) in one 400.
 */
public final class CalendarParser {

    private static final Pattern OFFSET_ID = Pattern.compile("(?i)^(UTC|GMT|UT)?[+-].*");
    private static final Pattern LOCAL_TIME = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final String END_OF_DAY = "24:00";
    private static final int LONGEST_HOLIDAY_DAYS = 366;

    private CalendarParser() {
    }

    /**
     * @param errors where problems go, with their field paths (nothing is thrown here)
     * @return the calendar, or null when {@code errors} received anything
     */
    public static BusinessCalendar parse(CalendarSpec spec, Invalid errors) {
        int before = errors.errors().size();
        if (spec == null) {
            errors.add("body", "a calendar is required");
            return null;
        }
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add("name", "is required");
        } else if (spec.name().length() > 200) {
            errors.add("name", "is longer than 200 characters");
        }
        ZoneId zone = zone(spec.timeZone(), errors);
        boolean alwaysOpen = Boolean.TRUE.equals(spec.alwaysOpen());
        Map<DayOfWeek, List<BusinessCalendar.Segment>> hours = new EnumMap<>(DayOfWeek.class);
        if (alwaysOpen && spec.hours() != null && !spec.hours().isEmpty()) {
            errors.add("hours", "give either hours or \"alwaysOpen\": true, not both");
        } else if (!alwaysOpen) {
            if (spec.hours() == null) {
                errors.add("hours", "is required (or \"alwaysOpen\": true for a 24x7 calendar)");
            } else {
                hours(spec.hours(), hours, errors.nested("hours"));
                if (errors.errors().size() == before && hours.values().stream().allMatch(List::isEmpty)) {
                    errors.add("hours", "has no open segment: the calendar would never be open");
                }
            }
        }
        TreeSet<LocalDate> holidays = holidays(spec.holidays(), errors);
        if (errors.errors().size() > before) {
            return null;
        }
        return new BusinessCalendar(spec.name(), zone, alwaysOpen, hours, holidays);
    }

    /** As {@link #parse(CalendarSpec, Invalid)}, throwing the 400 problem. */
    public static BusinessCalendar parse(CalendarSpec spec) {
        Invalid errors = Invalid.collect("");
        BusinessCalendar calendar = parse(spec, errors);
        errors.orThrow();
        return calendar;
    }

    /** An IANA region id; a fixed offset is refused because offsets go wrong at every DST change. */
    static ZoneId zone(String id, Invalid errors) {
        if (id == null || id.isBlank()) {
            errors.add("timeZone", "is required: an IANA time zone such as Europe/Berlin");
            return null;
        }
        if (OFFSET_ID.matcher(id.strip()).matches() || id.strip().equalsIgnoreCase("Z")) {
            errors.add("timeZone", id + " is a fixed UTC offset; give an IANA zone such as Europe/Berlin (offsets break at DST changes)");
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(id.strip());
            if (zone instanceof ZoneOffset) {
                errors.add("timeZone", id + " is a fixed UTC offset; give an IANA zone such as Europe/Berlin");
                return null;
            }
            return zone;
        } catch (DateTimeException e) {
            errors.add("timeZone", id + " is not an IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC)");
            return null;
        }
    }

    private static void hours(Map<String, List<CalendarSpec.OpenHours>> spec, Map<DayOfWeek, List<BusinessCalendar.Segment>> hours,
            Invalid errors) {
        for (Map.Entry<String, List<CalendarSpec.OpenHours>> entry : spec.entrySet()) {
            String dayName = entry.getKey();
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayName);
            } catch (IllegalArgumentException e) {
                errors.add(dayName, "is not a day; use " + Arrays.stream(DayOfWeek.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")));
                continue;
            }
            List<BusinessCalendar.Segment> segments = new ArrayList<>();
            List<CalendarSpec.OpenHours> given = entry.getValue() == null ? List.of() : entry.getValue();
            boolean valid = true;
            for (int i = 0; i < given.size(); i++) {
                BusinessCalendar.Segment segment = segment(given.get(i), errors.nested(dayName + "[" + i + "]"));
                if (segment == null) {
                    valid = false;
                } else {
                    segments.add(segment);
                }
            }
            if (!valid) {
                continue;
            }
            segments.sort(Comparator.comparing(BusinessCalendar.Segment::start));
            for (int i = 1; i < segments.size(); i++) {
                BusinessCalendar.Segment previous = segments.get(i - 1);
                BusinessCalendar.Segment next = segments.get(i);
                if (previous.end() == null || previous.end().isAfter(next.start())) {
                    errors.add(dayName, "segments " + text(previous) + " and " + text(next) + " overlap");
                }
            }
            hours.put(day, segments);
        }
    }

    private static BusinessCalendar.Segment segment(CalendarSpec.OpenHours hours, Invalid errors) {
        if (hours == null) {
            errors.add("start", "is required");
            return null;
        }
        LocalTime start = null;
        if (hours.start() == null || !LOCAL_TIME.matcher(hours.start()).matches()) {
            errors.add("start", (hours.start() == null ? "is required" : hours.start() + " is not a local time") + " (HH:mm, 00:00 to 23:59)");
        } else {
            start = LocalTime.parse(hours.start());
        }
        LocalTime end = null;
        boolean endOfDay = END_OF_DAY.equals(hours.end());
        if (!endOfDay && (hours.end() == null || !LOCAL_TIME.matcher(hours.end()).matches())) {
            errors.add("end", (hours.end() == null ? "is required" : hours.end() + " is not a local time") + " (HH:mm, up to 24:00)");
            return null;
        } else if (!endOfDay) {
            end = LocalTime.parse(hours.end());
        }
        if (start == null) {
            return null;
        }
        if (end != null && !end.isAfter(start)) {
            errors.add("end", hours.end() + " is not after the start " + hours.start()
                    + " (a segment lies within one day; split a night window at 24:00)");
            return null;
        }
        return new BusinessCalendar.Segment(start, end);
    }

    private static TreeSet<LocalDate> holidays(List<CalendarSpec.Holiday> holidays, Invalid errors) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            CalendarSpec.Holiday holiday = holidays.get(i);
            Invalid at = errors.nested("holidays[" + i + "]");
            if (holiday == null) {
                at.add("date", "is required (or from and to)");
                continue;
            }
            if (holiday.date() != null) {
                if (holiday.from() != null || holiday.to() != null) {
                    at.add("date", "give either date or from and to, not both");
                    continue;
                }
                LocalDate date = date(holiday.date(), "date", at);
                if (date != null) {
                    days.add(date);
                }
                continue;
            }
            if (holiday.from() == null || holiday.to() == null) {
                at.add(holiday.from() == null ? "from" : "to", "is required (or give date for one day)");
                continue;
            }
            LocalDate from = date(holiday.from(), "from", at);
            LocalDate to = date(holiday.to(), "to", at);
            if (from == null || to == null) {
                continue;
            }
            if (to.isBefore(from)) {
                at.add("to", holiday.to() + " is before from " + holiday.from());
            } else if (ChronoUnit.DAYS.between(from, to) >= LONGEST_HOLIDAY_DAYS) {
                at.add("to", "a holiday range is at most " + LONGEST_HOLIDAY_DAYS + " days");
            } else {
                from.datesUntil(to.plusDays(1)).forEach(days::add);
            }
        }
        return days;
    }

    private static LocalDate date(String text, String field, Invalid errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(field, text + " is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static String text(BusinessCalendar.Segment segment) {
        return segment.start() + "-" + (segment.end() == null ? END_OF_DAY : segment.end().toString());
    }
}
