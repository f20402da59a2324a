package io.siamhub.sla.calendar;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A business calendar as written in {@code PUT /api/sla/calendars/{id}} and in the YAML seed file.
 *
 * <pre>
 * { "name": "Berlin business hours", "timeZone": "Europe/Berlin",
 *   "hours": { "MONDAY": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}] },
 *   "holidays": [ {"date": "2026-12-25"}, {"from": "2026-12-24", "to": "2026-12-31", "name": "year end"} ] }
 * </pre>
 *
 * @param name       display name
 * @param timeZone   an IANA zone id ({@code Europe/Berlin}); fixed offsets such as {@code +01:00} are refused
 * @param hours      per {@link java.time.DayOfWeek} name, the local open segments of that day; a day absent is closed.
 *                   Kept in week order (Monday first; a name that is no day after them, by name), so the same calendar is
 *                   the same JSON in every JVM and a restart seeding an unchanged file recomputes nothing
 * @param alwaysOpen true for a 24×7 calendar (instead of {@code hours})
 * @param holidays   whole local days that are closed
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CalendarSpec(String name, String timeZone, Map<String, List<OpenHours>> hours, Boolean alwaysOpen,
        List<Holiday> holidays) {

    public CalendarSpec {
        hours = hours == null ? null : inWeekOrder(hours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    private static final Comparator<String> WEEK_ORDER = Comparator.comparingInt(CalendarSpec::dayIndex)
            .thenComparing(Comparator.naturalOrder());

    private static Map<String, List<OpenHours>> inWeekOrder(Map<String, List<OpenHours>> hours) {
        Map<String, List<OpenHours>> ordered = new LinkedHashMap<>();
        hours.keySet().stream().sorted(Comparator.nullsLast(WEEK_ORDER)).forEach(day -> ordered.put(day, hours.get(day)));
        return Collections.unmodifiableMap(ordered);
    }

    private static int dayIndex(String day) {
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (candidate.name().equals(day)) {
                return candidate.ordinal();
            }
        }
        return DayOfWeek.values().length;
    }

    /**
     * One open segment of a day, local wall time {@code HH:mm}; {@code end} may be {@code 24:00} (the end of the day).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record OpenHours(String start, String end) {
    }

    /**
     * Closed local days: one {@code date}, or {@code from} to {@code to} inclusive.
     *
     * @param name what it is (optional)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Holiday(String date, String from, String to, String name) {
    }
}
